#!/bin/bash
# bench/idle-exits/run.sh [SECONDS]: boots lvisor with the root-zone Linux on
# 4 CPUs (wall-clock time), lets the shell idle SECONDS (default 60) and
# prints each CPU's exits per second, by cause, next to the guest's own timer
# interrupt rate (goal: exits/s on an idle CPU <= the guest's timer rate).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/build/bench/idle-exits"
mkdir -p "$out"
[ -x "$root/build/bin/qemu-system-loongarch64" ] || make -C "$root" --no-print-directory emulator
make -C "$root" --no-print-directory hypervisor
IDLE_LOG="$out/console.log" "$here/idle.py" "${1:-60}" "$root/build/hypervisor/lvisor.elf" \
    "$root/hypervisor/run.sh" | tee "$out/result"
