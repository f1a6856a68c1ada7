#!/bin/bash
# bench/timer-latency/run.sh [ROUNDS]: how late a 2 ms one-shot timer wakes an
# idle CPU, in a guest under lvisor (root zone, 1 vCPU) and on the bare CPU
# (the same ELF booted directly on the same QEMU), in wall-clock time.
# Alternates the two ROUNDS times (default 3) and prints each run's figures.
. "$(dirname "$0")/../lib/prelude.sh"
need_emulator
need_hypervisor
build_guest
elf="$out/timer-latency.elf"

figures() { tr -d '\r' | grep -a "^timer-latency: [0-9]" | sed 's/^timer-latency: //'; }
echo "== wake-up latency of a 2 ms one-shot timer waited for in idle (microseconds)"
for round in $(seq "${1:-3}"); do
    l=$(LVZ_QEMU="$qemu" timeout 120 "$root/hypervisor/run.sh" --smp 1 --kernel "$elf" \
        --initrd "" </dev/null | figures)
    n=$(timeout 120 "$qemu" -M virt -cpu la464,lvz=on -smp 1 -m 1G -nographic -no-reboot \
        -nic none -kernel "$elf" </dev/null | figures)
    [ -n "$l" ] && [ -n "$n" ] || die "a run did not finish"
    echo "round $round lvisor: $l"
    echo "round $round native: $n"
done
