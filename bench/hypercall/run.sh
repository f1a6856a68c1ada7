#!/bin/bash
# bench/hypercall/run.sh: builds lvisor and the bench guest, boots the guest
# as the root zone (1 vCPU) under -icount shift=0, and prints the
# instructions one hypercall round trip costs (goal <= 150).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/build/bench/hypercall"
qemu="${QEMU:-$root/build/bin/qemu-system-loongarch64}"
[ -x "$qemu" ] || make -C "$root" --no-print-directory emulator
make -C "$root" --no-print-directory hypervisor
make -C "$here" --no-print-directory -s OUT="$out"

LVZ_QEMU="$qemu" timeout 300 "$root/hypervisor/run.sh" --smp 1 --kernel "$out/hypercall.elf" \
    --initrd "" -- -icount shift=0 </dev/null | tr -d '\r' | tee "$out/console.log" | grep -a "hypercall:"
grep -q "hypercall: done" "$out/console.log" || { echo "hypercall: the guest did not finish" >&2; exit 1; }
per() { sed -n "s/^hypercall: $1 ticks [0-9]* insns_x100_per_iter //p" "$out/console.log"; }
nop=$(per nop) unknown=$(per unknown) cfg=$(per config_check)
awk -v n="$nop" -v u="$unknown" -v c="$cfg" 'BEGIN {
    printf "== instructions per iteration (goal: round trip <= 150)\n"
    printf "nop loop           %.2f (4 expected: checks 10 instructions per rdtime tick)\n", n / 100
    printf "unknown code       %.2f -> round trip %.2f\n", u / 100, (u - n) / 100
    printf "config check (6)   %.2f -> round trip %.2f\n", c / 100, (c - n) / 100 }'
