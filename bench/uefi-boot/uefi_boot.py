#!/usr/bin/python3
"""uefi_boot.py NAME IMAGE MARK KERNEL QEMU_ARG...: instructions from the
firmware's jump into the EFI image IMAGE (the PE file it starts: lvisor.efi
or the kernel's vmlinux.efi) to the shell prompt, under -icount
shift=0,sleep=off; and how many of them come before the first instruction
of the kernel KERNEL (its ELF vmlinux).

The firmware loads IMAGE at an address of its choosing, so QEMU boots twice:
1. to the image's first console output (the regex MARK); QMP stops the
   machine and the RAM is searched for the loaded image: a page holding
   IMAGE's headers, their ImageBase field set to the page's address (the
   firmware's loader writes it there), and IMAGE's code at the entry point;
2. stopped at reset, with a gdbstub breakpoint at each such page's entry
   point. The firmware's jump into the image stops every CPU there and QMP
   query-replay's icount is read; then again at the kernel's entry, and at
   the shell prompt.
The firmware's boot is the same both times (same images, -snapshot); a
breakpoint that is never hit ends the run with an error.
Prints "NAME entry E start S kernel K prompt P count P-S to-kernel K-S drift D/s"
(D: instructions per second of host time the idle shell adds while we read,
to show the figure's slack)."""
import mmap
import os
import re
import socket
import struct
import sys
import tempfile
import time

import pexpect

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from qmp import qmp  # noqa: E402
from rsp import Gdb  # noqa: E402

PROMPT = r"[#$] $"
PAGE = 4096


class Image:
    """A PE32+ file: its headers, the offset of their ImageBase field, its
    entry point's RVA and the code there."""

    def __init__(self, path):
        self.headers, self.base_field, self.entry, self.code = pe_layout(path)

    def loaded_at(self, base, mem):
        """Whether mem, read at page base, is this image as the firmware loads it."""
        f = self.base_field
        return (mem[:f] == self.headers[:f] and mem[f + 8:] == self.headers[f + 8:]
                and struct.unpack_from("<Q", mem, f)[0] == base)


def pe_layout(path):
    data = open(path, "rb").read()
    assert data[:2] == b"MZ", f"{path}: not a PE image"
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    assert data[pe:pe + 4] == b"PE\0\0", f"{path}: not a PE image"
    nsect, opt_size = struct.unpack_from("<H", data, pe + 6)[0], struct.unpack_from(
        "<H", data, pe + 20)[0]
    opt = pe + 24
    assert struct.unpack_from("<H", data, opt)[0] == 0x20B, f"{path}: not PE32+"
    entry = struct.unpack_from("<I", data, opt + 16)[0]
    hdr_size = struct.unpack_from("<I", data, opt + 60)[0]
    for s in range(opt + opt_size, opt + opt_size + 40 * nsect, 40):
        vsize, va, raw_size, raw = struct.unpack_from("<IIII", data, s + 8)
        if va <= entry < va + min(vsize, raw_size):
            at = raw + entry - va
            return data[:min(hdr_size, PAGE)], opt + 24, entry, data[at:at + 256]
    raise AssertionError(f"{path}: the entry point is in no section")


def ram_ranges(sock):
    """[(base, size)] of the board's RAM, from QEMU's memory tree."""
    tree = qmp(sock, [{"execute": "human-monitor-command",
                       "arguments": {"command-line": "info mtree -f"}}])[0]
    view = next(v for v in tree.split("FlatView #") if 'AS "memory"' in v)
    return [(int(a, 16), int(b, 16) + 1 - int(a, 16))
            for a, b in re.findall(r"([0-9a-f]+)-([0-9a-f]+) \(prio -?\d+, ram\)", view)]


def find_image(sock, image, tmp):
    """Page addresses where the loaded image is."""
    lead = image.headers[:image.base_field]
    found = []
    for base, size in ram_ranges(sock):
        dump = os.path.join(tmp, "ram")
        qmp(sock, [{"execute": "pmemsave",
                    "arguments": {"val": base, "size": size, "filename": dump}}])
        with open(dump, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            at = m.find(lead)
            while at >= 0:
                e = at + image.entry
                if (at % PAGE == 0 and image.loaded_at(base + at, m[at:at + len(image.headers)])
                        and m[e:e + len(image.code)] == image.code):
                    found.append(base + at)
                at = m.find(lead, at + 1)
        os.unlink(dump)
    return found


def spawn(argv, log):
    return pexpect.spawn(argv[0], argv[1:], encoding="utf-8", codec_errors="replace",
                         timeout=int(os.environ.get("BOOT_TIMEOUT", "900")), logfile=log)


def icount(sock):
    return qmp(sock, [{"execute": "query-replay"}])[0]["icount"]


def kernel_entry(path):
    """The physical address of an ELF vmlinux's entry: where the kernel's first
    instruction is, whoever starts it (the PC the EFI stub and lvisor jump to)."""
    data = open(path, "rb").read(64)
    assert data[:4] == b"\x7fELF", f"{path}: not an ELF image"
    return struct.unpack_from("<Q", data, 24)[0] & ((1 << 48) - 1)


def run_to(gdb, child, addrs, log_path, check=lambda pc: True):
    """Resume until a breakpoint at one of addrs stops the CPUs with check(pc)
    true (other code may run there first); returns the PC. The console is
    read meanwhile, so that the guest never waits on a full terminal."""
    for a in addrs:
        gdb.break_at(a)
    gdb.resume()
    while True:
        try:
            cpu = gdb.wait_stop(timeout=0.05)
        except socket.timeout:
            try:
                child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                pass
            if not child.isalive():
                sys.exit(f"QEMU ended before a breakpoint at {addrs} (console: {log_path})")
            continue
        pc = gdb.reg(cpu, 33)
        if pc in addrs and check(pc):
            break
        gdb.resume()
    for a in addrs:
        gdb.clear(a)
    return pc


def main():
    name, path, mark, kernel, argv = sys.argv[1:5] + [sys.argv[5:]]
    image = Image(path)
    tmp = tempfile.mkdtemp()
    qmp_sock, gdb_sock = os.path.join(tmp, "qmp"), os.path.join(tmp, "gdb")
    argv += ["-snapshot", "-icount", "shift=0,sleep=off",
             "-qmp", f"unix:{qmp_sock},server=on,wait=off",
             "-gdb", f"unix:{gdb_sock},server=on,wait=off", "-S"]
    log_path = os.environ.get("BOOT_LOG")
    find_log = f"{log_path}.find" if log_path else "/dev/null"

    # 1. where the firmware puts the image
    child = spawn(argv, open(find_log, "w"))
    gdb = Gdb(gdb_sock)
    gdb.resume()
    child.expect(mark)
    qmp(qmp_sock, [{"execute": "stop"}])
    bases = find_image(qmp_sock, image, tmp)
    child.terminate(force=True)
    gdb.close()
    if not bases:
        sys.exit(f"{name}: {path} is not in RAM once it printed (console: {find_log})")

    # 2. the counted boot: the image's entry, the kernel's, the prompt
    child = spawn(argv, open(log_path or "/dev/null", "w"))
    gdb = Gdb(gdb_sock)
    pc = run_to(gdb, child, [b + image.entry for b in bases], log_path, lambda pc: image.loaded_at(
        pc - image.entry, gdb.read(pc - image.entry, len(image.headers))))
    start = icount(qmp_sock)
    run_to(gdb, child, [kernel_entry(kernel)], log_path)
    at_kernel = icount(qmp_sock)
    gdb.resume()
    # busybox's prompt ends the boot; nothing is typed, so nothing else runs.
    child.expect(PROMPT)
    t0 = time.monotonic()
    prompt = icount(qmp_sock)
    time.sleep(2)
    drift = (icount(qmp_sock) - prompt) / (time.monotonic() - t0)
    child.terminate(force=True)
    print(f"{name} entry {pc:#x} start {start} kernel {at_kernel} prompt {prompt} "
          f"count {prompt - start} to-kernel {at_kernel - start} drift {drift:.0f}/s", flush=True)


main()
