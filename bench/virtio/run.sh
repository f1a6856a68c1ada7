#!/bin/bash
# bench/virtio/run.sh [ROUNDS] [IDLE_SECONDS]: zone1's virtio devices, served
# by the root's daemon, beside what the root itself does with the same image
# file and network stack, in one run (wall clock): disk sequential read and
# write, TCP throughput and ping, console echo latency, the daemon's CPU use
# when idle and the root's while zone1 reads its disk. virtio.py does the
# work; ROUNDS (default 3) of each, best kept; IDLE_SECONDS default 60.
. "$(dirname "$0")/../lib/prelude.sh"
need_emulator
need_hypervisor
make -C "$root" --no-print-directory initramfs
need_files "$build/linux/vmlinux" "$build/initramfs.cpio.gz"
/usr/bin/python3 "$here/virtio.py" "${1:-3}" "${2:-60}" "$out" | tee "$out/result"
