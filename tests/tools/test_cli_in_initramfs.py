"""The zone initramfs carries the tool as /usr/bin/lvisor, with
/usr/bin/hvisor a link to it (tools/cli/cli.mk adds the overlay)."""

import gzip
import stat

from cli_paths import CLI, HERE

INITRAMFS = HERE.parents[1] / "build" / "initramfs.cpio.gz"


def members(path):
    """name -> (mode, data) of a gzip'd newc cpio archive."""
    raw, out, at = gzip.decompress(path.read_bytes()), {}, 0
    while True:
        head = raw[at:at + 110]
        assert head[:6] == b"070701", f"not a newc header at {at}"
        mode, size, namesize = (int(head[6 + 8 * i:14 + 8 * i], 16) for i in (1, 6, 11))
        name = raw[at + 110:at + 110 + namesize - 1].decode()
        at = (at + 110 + namesize + 3) & ~3
        data = raw[at:at + size]
        at = (at + size + 3) & ~3
        if name == "TRAILER!!!":
            return out
        out[name.removeprefix("./")] = (mode, data)


def test_lvisor_and_hvisor_are_in_the_initramfs():
    assert INITRAMFS.is_file(), f"{INITRAMFS} missing: `make initramfs` builds it"
    files = members(INITRAMFS)
    mode, data = files["usr/bin/lvisor"]
    assert stat.S_ISREG(mode) and mode & 0o111
    assert data == CLI.read_bytes()
    mode, target = files["usr/bin/hvisor"]
    assert stat.S_ISLNK(mode) and target == b"lvisor"
