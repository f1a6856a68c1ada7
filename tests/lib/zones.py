"""lvisor with non-root zones: the root zone's shell on the terminal console,
and the zones' UARTs (1-3) on sockets (hypervisor/run.sh --consoles)."""

import re
import tempfile
import time
from pathlib import Path

import pytest

from lib.console import BOOT_TIMEOUT, Console, SocketConsole

REPO = Path(__file__).resolve().parent.parent.parent


class ZoneMachine:
    """One QEMU: lvisor, the root zone at its shell, a console per zone UART."""

    def __init__(self, log_dir, name, root_cpus=None, mem="2G", smp=4, boot="kernel"):
        self.sockets = Path(tempfile.mkdtemp(prefix="lvisor-consoles-"))
        log_dir.mkdir(parents=True, exist_ok=True)
        # lvisor's messages stay off the root's console (a zone's fault would print
        # into the middle of a command's output): they are read with `lvisor hv log`
        argv = ["bash", str(REPO / "hypervisor" / "run.sh"), "--smp", str(smp), "--mem", mem,
                "--consoles", str(self.sockets), "--hv-args", "log=errors"]
        if root_cpus is not None:
            argv += ["--root-cpus", root_cpus]
        # boot="uefi": started by QEMU's EDK2 through lvisor.efi (run.sh --boot uefi)
        argv += ["--boot", boot]
        self.root = Console(argv, log_path=log_dir / f"{name}-root.log", cwd=REPO)
        # the zones' UARTs: connected before any zone prints
        self.uarts = {n: SocketConsole(self.sockets / f"zone{n}.sock",
                                       log_path=log_dir / f"{name}-uart{n}.log")
                      for n in (1, 2, 3)}
        self.consoles = [self.root, *self.uarts.values()]
        self.root.expect(r"entering root zone", timeout=120)
        self.root.shell(timeout=BOOT_TIMEOUT)

    def log_count(self, text):
        """How many lines of lvisor's log (since boot) contain text."""
        rc, out = self.root.run_rc(f"lvisor hv log | grep -cF '{text}'")
        assert rc in (0, 1), out
        return int(out.strip())

    def log_grep(self, text):
        """The lines of lvisor's log that contain text."""
        rc, out = self.root.run_rc(f"lvisor hv log | grep -F '{text}'")
        assert rc in (0, 1), out
        return out.strip().splitlines()

    def free_frames(self):
        return int(self.root.run("lvisor hv frames"))

    def zones(self):
        """{id: (name, cpus, ram, state)} from `lvisor zone list`."""
        rows = {}
        for line in self.root.run("lvisor zone list").splitlines()[1:]:
            f = line.split()
            if f and f[0].isdigit():
                rows[int(f[0])] = (f[1], f[2], " ".join(f[3:5]), f[5])
        return rows

    def start(self, config, timeout=120):
        out = self.root.run(f"lvisor zone start /etc/lvisor/{config}", timeout=timeout)
        m = re.search(r"zone (\d+) \((.*)\) started on CPUs (\S+)", out)
        assert m, out
        return int(m.group(1))

    def shutdown(self, zone_id, timeout=60):
        return self.root.run(f"lvisor zone shutdown -id {zone_id}", timeout=timeout)

    def root_cpus_online(self):
        return int(self.root.run("nproc"))

    def timed_sleep(self, seconds=5):
        start = time.monotonic()
        self.root.run(f"sleep {seconds}")
        return time.monotonic() - start

    def close(self):
        for con in self.consoles:
            con.close()


def machine_fixtures(name, **kwargs):
    """A zone test module's fixtures: `machine`, one ZoneMachine (its logs named `name`) for
    all of the module's tests, and an autouse one that shows its consoles with a failure.
    `machine, show_consoles = machine_fixtures("test_x")` at the module's top level."""
    @pytest.fixture(scope="module")
    def machine(build_dir):
        m = ZoneMachine(build_dir / "test-logs", name, **kwargs)
        yield m
        m.close()

    @pytest.fixture(autouse=True)
    def show_consoles(request, machine):
        request.node.lvisor_consoles = machine.consoles

    return machine, show_consoles
