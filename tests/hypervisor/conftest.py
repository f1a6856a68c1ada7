"""Fixtures for lvisor's system tests: boot lvisor on the LVZ-enabled QEMU."""

import pytest

from lib.console import BOOT_TIMEOUT


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
def root_linux(lvisor):
    """lvisor with the root-zone Linux at its shell prompt (4 CPUs)."""
    con = lvisor()
    con.expect(r"entering root zone", timeout=120)
    con.shell(timeout=BOOT_TIMEOUT)
    return con
