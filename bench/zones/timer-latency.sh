#!/bin/bash
# bench/zones/timer-latency.sh [ROUNDS] [IDLE_SECONDS]: how late Linux wakes
# from a 1 ms clock_nanosleep (sleeplat.c; median and 99th percentile of 1000)
# in the root zone and in zone1 under lvisor, beside the same kernel booted
# natively on the same QEMU: once under -icount shift=0,sleep=off (guest
# nanoseconds = instructions) and ROUNDS times (default 5) in wall-clock time.
# Then exits per second of idle vCPUs (zone1's and the root's) over
# IDLE_SECONDS (default 20) of wall-clock time. Goals: median <= 1.1x native;
# <= 10 exits/s on an idle tickless vCPU. latency.py does the work.
. "$(dirname "$0")/../lib/prelude.sh"
need_emulator
need_hypervisor
make -C "$root" --no-print-directory initramfs
make -C "$here" --no-print-directory -s OUT="$out"
need_files "$build/linux/vmlinux" "$out/initramfs.cpio.gz"
"$here/latency.py" "${1:-5}" "${2:-20}" | tee "$out/timer-latency.result"
