"""The zones' ext4 tools (guests/e2fsprogs), run under qemu-user on the host:
mkfs.ext4 makes ext4 (the host's dumpe2fs says so), e2fsck passes it and
fails it once it is broken; and both initramfs have the tools in /sbin, not
busybox's mke2fs (ext2 only) in their place."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

BUILD = Path(__file__).resolve().parents[2] / "build"
SBIN = BUILD / "overlays" / "e2fsprogs" / "sbin"
# The initramfs has no /etc/mke2fs.conf or /etc/e2fsck.conf; under qemu-user
# the programs would read the host's.
ENV = dict(os.environ, MKE2FS_CONFIG="/nonexistent", E2FSCK_CONFIG="/nonexistent")


def run(tool, *args):
    """Runs /sbin/TOOL of the initramfs; returns (exit status, stdout + stderr)."""
    path = SBIN / tool
    assert path.exists(), f"{path} missing: `make e2fsprogs` builds it"
    r = subprocess.run(["qemu-loongarch64", str(path), *map(str, args)], env=ENV,
                       capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout + r.stderr


def dumpe2fs(image, *args):
    """The host's dumpe2fs: its output and the header, field -> value."""
    out = subprocess.run(["/usr/sbin/dumpe2fs", *args, str(image)], capture_output=True,
                         text=True, timeout=60, check=True).stdout
    header = out.split("\n\n")[0].splitlines()
    return out, dict((name.strip(), value.strip()) for name, _, value in
                     (line.partition(":") for line in header))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    image = tmp_path_factory.mktemp("ext4") / "fresh.img"
    with open(image, "wb") as f:
        f.truncate(32 << 20)
    status, out = run("mkfs.ext4", "-F", "-q", image)
    assert status == 0, out
    return image


@pytest.fixture
def image(fresh, tmp_path):
    return shutil.copy(fresh, tmp_path / "disk.img")


def test_mkfs_ext4_makes_ext4(fresh):
    _, fields = dumpe2fs(fresh, "-h")
    features = fields["Filesystem features"].split()
    assert {"has_journal", "extent", "flex_bg", "metadata_csum"} <= set(features), features
    blocks, size = int(fields["Block count"]), int(fields["Block size"])
    assert blocks * size == 32 << 20


def test_e2fsck_passes_a_fresh_image(image):
    status, out = run("fsck.ext4", "-fn", image)
    assert status == 0, out
    assert "Pass 5: Checking group summary information" in out


def test_e2fsck_fails_a_zeroed_magic(image):
    # The superblock is at 1024, its magic 0xEF53 at +56.
    with open(image, "r+b") as f:
        f.seek(1080)
        f.write(b"\0\0")
    status, out = run("e2fsck", "-fn", image)
    assert status != 0, out
    assert "Bad magic number in super-block" in out


def test_e2fsck_fails_a_zeroed_root_inode(image):
    out, fields = dumpe2fs(image)
    first = int(re.search(r"Inode table at (\d+)-", out).group(1))  # group 0's
    block, inode_size = int(fields["Block size"]), int(fields["Inode size"])
    with open(image, "r+b") as f:
        f.seek(first * block + inode_size)  # the root directory is inode 2
        f.write(bytes(inode_size))
    status, out = run("e2fsck", "-fn", image)
    assert status != 0, out
    assert "Root inode is not a directory" in out


def cpio_listing(path):
    """name -> `ls -l` mode string and link target ('' for none) of a gzip'd cpio."""
    assert path.is_file(), f"{path} missing: `make initramfs` builds it"
    out = subprocess.run(f"zcat {path} | cpio -itv --quiet", shell=True, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    members = {}
    for line in out.splitlines():
        fields = line.split(None, 8)
        name, _, target = fields[8].partition(" -> ")
        members[name] = (fields[0], target)
    return members


@pytest.mark.parametrize("initramfs", ["initramfs.cpio.gz", "zones/zone-initramfs.cpio.gz"])
def test_the_tools_are_in_sbin_of_both_initramfs(initramfs):
    members = cpio_listing(BUILD / initramfs)
    for tool in ("mke2fs", "e2fsck"):
        mode, target = members[f"sbin/{tool}"]
        assert mode == "-rwxr-xr-x", f"sbin/{tool}: {mode} {target}"
    for fs in ("ext2", "ext3", "ext4"):
        assert members[f"sbin/mkfs.{fs}"] == ("lrwxrwxrwx", "mke2fs")
        assert members[f"sbin/fsck.{fs}"] == ("lrwxrwxrwx", "e2fsck")
    # busybox keeps the rest of its applets
    assert members["sbin/fsck"] == ("lrwxrwxrwx", "/bin/busybox")
