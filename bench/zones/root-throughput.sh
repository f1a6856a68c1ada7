#!/bin/bash
# bench/zones/root-throughput.sh [ROUNDS]: the root zone's CPU 0 throughput (a
# busybox sh loop under `time`) while zone1 boots on CPU 1, against the loop
# alone and against the loop beside a busy root CPU 1 (the emulator's own
# share), ROUNDS (default 7) rounds side by side, wall-clock time (-icount
# would make two busy CPUs share one clock). Goal: alone / with zone >= 0.95
# (best of the rounds of each).
# throughput.py does the work.
. "$(dirname "$0")/../lib/prelude.sh"
need_emulator
need_hypervisor
make -C "$root" --no-print-directory initramfs
need_files "$build/linux/vmlinux" "$build/initramfs.cpio.gz"
"$here/throughput.py" "${1:-7}" | tee "$out/root-throughput.result"
