"""Fixtures for lvisor's system tests: boot lvisor on the LVZ-enabled QEMU."""

import re
import subprocess

import pytest

from lib.console import BOOT_TIMEOUT, scaled


@pytest.fixture
def lvisor(console, repo, build_dir):
    """Factory: lvisor(kernel=None, initrd=None, smp=4, mem="1G") -> Console running QEMU."""

    def start(kernel=None, initrd=None, smp=4, mem="1G", extra=()):
        argv = ["bash", str(repo / "hypervisor" / "run.sh"), "--smp", str(smp), "--mem", mem]
        if kernel is not None:
            argv += ["--kernel", str(kernel)]
        if initrd is not None:
            argv += ["--initrd", str(initrd)]
        argv += ["--", *extra]
        con = console(argv)
        con.expect(r"lvisor \S+: static-partitioning hypervisor", timeout=60)
        return con

    return start


@pytest.fixture
def test_guest(build_dir):
    return build_dir / "tests" / "hypervisor" / "test-guest.elf"


@pytest.fixture
def park_guest(build_dir):
    return build_dir / "tests" / "hypervisor" / "test-guest-park.elf"


@pytest.fixture(scope="session")
def board_iocsr_features(build_dir):
    """The IOCSR feature word as the board itself reports it: read by a
    bare-metal program booted on the LVZ QEMU without lvisor."""
    argv = [str(build_dir / "bin" / "qemu-system-loongarch64"), "-M", "virt",
            "-cpu", "la464,lvz=on", "-smp", "1", "-m", "1G", "-nographic", "-no-reboot",
            "-nic", "none", "-monitor", "none",
            "-kernel", str(build_dir / "tests" / "hypervisor" / "board-probe.elf")]
    out = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                         errors="replace", timeout=scaled(60)).stdout
    m = re.search(r"probe: IOCSR features (0x[0-9a-f]+)", out)
    assert m, f"board-probe.elf printed no feature word:\n{out}"
    return int(m.group(1), 16)


@pytest.fixture
def root_linux(lvisor):
    """lvisor with the root-zone Linux at its shell prompt (4 CPUs)."""
    con = lvisor()
    con.expect(r"entering root zone", timeout=120)
    con.shell(timeout=BOOT_TIMEOUT)
    return con
