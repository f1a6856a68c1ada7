#!/bin/bash
# bench/idle-exits/run.sh [SECONDS]: boots lvisor with the root-zone Linux on
# 4 CPUs (wall-clock time), lets the shell idle SECONDS (default 60) and
# prints each CPU's exits per second, by cause, next to the guest's own timer
# interrupt rate (goal: exits/s on an idle CPU <= the guest's timer rate).
. "$(dirname "$0")/../lib/prelude.sh"
need_emulator
need_hypervisor
need_files "$build/linux/vmlinux" "$build/initramfs.cpio.gz"
LVZ_QEMU="$qemu" IDLE_LOG="$out/console.log" "$here/idle.py" "${1:-60}" \
    "$build/hypervisor/lvisor.elf" "$root/hypervisor/run.sh" | tee "$out/result"
