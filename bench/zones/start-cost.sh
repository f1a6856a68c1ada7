#!/bin/bash
# bench/zones/start-cost.sh [RUNS]: lvisor's own instructions for ZONE_START
# and ZONE_SHUTDOWN (median of RUNS, default 5) of the bare-metal zone and the
# Linux zone1, counted with -icount shift=0,sleep=off between gdbstub
# breakpoints at lvisor's zone_admin_start/zone_admin_shutdown and their
# return, the CPUs involved run one at a time (start_cost.py). Then where the
# instructions go (one traced run of each), and one start and shutdown with
# every CPU running, for comparison.
. "$(dirname "$0")/../lib/prelude.sh"
need_emulator
need_hypervisor
make -C "$root" --no-print-directory initramfs
need_files "$build/linux/vmlinux" "$build/initramfs.cpio.gz"
"$here/start_cost.py" "${1:-5}" | tee "$out/start-cost.result"
