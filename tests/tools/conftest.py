"""Fixtures of the CLI tests: build/tools/lvisor, the cross-built root-zone
tool, run under qemu-loongarch64 on the host, in a directory holding the
config corpus and the small images the configs name."""

import shutil
import subprocess
from collections import namedtuple

import pytest

from cli_paths import CLI, DTB_BYTES, HERE, KERNEL_BYTES

Result = namedtuple("Result", "rc out err")


@pytest.fixture(scope="session")
def cli():
    assert CLI.is_file(), f"{CLI} missing: `make cli` builds it"
    return CLI


@pytest.fixture
def workdir(tmp_path):
    """A copy of bad-configs/ and good-configs/ with vmlinux.bin and zone.dtb beside them."""
    for d in ("bad-configs", "good-configs"):
        for f in (HERE / d).glob("*.json"):
            shutil.copy(f, tmp_path / f.name)
    (tmp_path / "vmlinux.bin").write_bytes(bytes(i * 7 % 251 for i in range(KERNEL_BYTES)))
    (tmp_path / "zone.dtb").write_bytes(b"\xd0\x0d\xfe\xed" + bytes(DTB_BYTES - 4))
    return tmp_path


@pytest.fixture
def run(cli, workdir):
    """run(*args, name="lvisor") -> Result, in workdir; name is the argv[0] the tool sees."""

    def start(*args, name="lvisor"):
        exe = workdir / name
        if not exe.exists():
            exe.symlink_to(cli)
        # qemu-user hands the path it was given to the program as argv[0]
        r = subprocess.run(["qemu-loongarch64", str(exe), *map(str, args)], cwd=workdir,
                           capture_output=True, text=True, timeout=60)
        return Result(r.returncode, r.stdout, r.stderr)

    return start
