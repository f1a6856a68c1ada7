"""The zone benches' machine: lvisor (hypervisor/run.sh) on the LVZ QEMU with
-icount shift=0,sleep=off, the root zone's shell on the terminal console, the
zones' UARTs on sockets (as tests/lib/zones.py drives them), QMP for the
instruction count and a gdbstub (rsp.py) for breakpoints in lvisor.

icount() is QMP query-replay's icount: instructions executed by all vCPUs
since reset (QEMU's raw counter). With sleep=off an idle CPU executes nothing:
QEMU jumps the virtual clock to the next timer instead."""
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BUILD = Path(os.environ.get("LVISOR_BUILD", REPO / "build"))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench" / "lib"))
sys.path.insert(0, str(HERE))

from lib.console import Console, SocketConsole  # noqa: E402
from qmp import qmp  # noqa: E402
from rsp import Gdb  # noqa: E402

QEMU = os.environ.get("QEMU", str(BUILD / "bin" / "qemu-system-loongarch64"))
LVISOR_ELF = BUILD / "hypervisor" / "lvisor.elf"
VMLINUX = BUILD / "linux" / "vmlinux"
ICOUNT = ["-icount", "shift=0,sleep=off"]


def symbol(elf, name):
    """The address of a symbol, from the ELF's symbol table."""
    out = subprocess.run(["llvm-nm-19", str(elf)], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[2] == name:
            return int(f[0], 16)
    raise KeyError(f"{name} not in {elf}")


def zone_entry(config):
    """The guest PC a zone starts at: its config's entry_point (as the root's
    initramfs holds it) as lvisor takes it, a zone physical address (the
    zone starts in direct-address mode; zone_request.c masks the address)."""
    text = (BUILD / "overlays" / "zones" / "etc" / "lvisor" / config).read_text()
    entry = int(re.search(r'"entry_point":\s*"(0x[0-9a-fA-F]+)"', text).group(1), 16)
    return entry & ((1 << 48) - 1)


class Machine:
    """One QEMU under lvisor, booted to the root zone's shell."""

    def __init__(self, log_dir, name, smp=4, mem="2G", initrd=None, icount=True, gdb=True,
                 extra=()):
        log_dir = Path(log_dir)
        log_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix="lvisor-bench-"))
        self.qmp_path = str(tmp / "qmp")
        self.gdb_path = str(tmp / "gdb")
        self.sockets = tmp / "consoles"
        argv = ["bash", str(REPO / "hypervisor" / "run.sh"), "--smp", str(smp), "--mem", mem,
                "--consoles", str(self.sockets), "--hv-args", "log=errors"]
        if initrd:
            argv += ["--initrd", str(initrd)]
        argv += ["--", "-qmp", f"unix:{self.qmp_path},server=on,wait=off"]
        if icount:
            argv += ICOUNT
        if gdb:
            argv += ["-gdb", f"unix:{self.gdb_path},server=on,wait=off"]
        argv += list(extra)
        env = dict(os.environ, LVZ_QEMU=QEMU)
        self.root = Console(argv, log_path=log_dir / f"{name}-root.log", cwd=REPO, env=env)
        self.uarts = {n: SocketConsole(self.sockets / f"zone{n}.sock",
                                       log_path=log_dir / f"{name}-uart{n}.log")
                      for n in (1, 2, 3)}
        self.root.expect(r"entering root zone", timeout=300)
        self.root.shell(timeout=900)
        self.gdb = None
        self.has_gdb = gdb

    def icount(self):
        return qmp(self.qmp_path, [{"execute": "query-replay"}])[0]["icount"]

    def attach(self):
        """Connect the gdbstub: QEMU stops every CPU when it connects."""
        if self.gdb is None:
            self.gdb = Gdb(self.gdb_path)
        return self.gdb

    def zone_cmd(self, command):
        """Type a command into the root's shell without waiting for its end."""
        self.root.sendline(command)

    def close(self):
        if self.gdb:
            self.gdb.close()
        for con in [self.root, *self.uarts.values()]:
            con.close()
