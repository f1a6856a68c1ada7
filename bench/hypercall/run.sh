#!/bin/bash
# bench/hypercall/run.sh: builds lvisor and the bench guest, boots the guest
# as the root zone (1 vCPU) under -icount shift=0, and prints the
# instructions one hypercall round trip costs (goal <= 150). No figures if
# the guest did not finish or reported a FAIL: the exit status says so.
. "$(dirname "$0")/../lib/prelude.sh"
need_emulator
need_hypervisor
build_guest
log="$out/console.log"

LVZ_QEMU="$qemu" timeout 300 "$root/hypervisor/run.sh" --smp 1 --kernel "$out/hypercall.elf" \
    --initrd "" -- -icount shift=0 </dev/null | tr -d '\r' >"$log" || true
expect_line "$log" "^hypercall: done" "the guest did not finish"
no_fail "$log"
grep -a "^hypercall:" "$log"
per() { sed -n "s/^hypercall: $1 ticks [0-9]* insns_x100_per_iter //p" "$log"; }
nop=$(per nop) unknown=$(per unknown) cfg=$(per config_check)
awk -v n="$nop" -v u="$unknown" -v c="$cfg" 'BEGIN {
    printf "== instructions per iteration (goal: round trip <= 150)\n"
    printf "nop loop           %.2f (4 expected: checks 10 instructions per rdtime tick)\n", n / 100
    printf "unknown code       %.2f -> round trip %.2f\n", u / 100, (u - n) / 100
    printf "config check (6)   %.2f -> round trip %.2f\n", c / 100, (c - n) / 100 }'
