#!/bin/bash
# bench/lvz-speed/run.sh [QEMU]: builds the speed bench and boots it twice on
# the LVZ QEMU: once timed by the wall clock (rdtime.d follows host time),
# once with -icount shift=0 (rdtime.d counts instructions). Prints each run's
# rounds and a summary; exits non-zero if a run fails or prints no figure.
# BUF_MIB, PASSES and ROUNDS in the environment change the workload.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/build/bench/lvz-speed"
qemu="${1:-${QEMU:-$root/build/bin/qemu-system-loongarch64}}"

if [ ! -x "$qemu" ]; then
    echo "lvz-speed: no LVZ QEMU at $qemu; building it with make emulator" >&2
    make -C "$root" --no-print-directory emulator
fi
make -C "$here" --no-print-directory -s OUT="$out" \
    BUF_MIB="${BUF_MIB:-16}" PASSES="${PASSES:-200}" ROUNDS="${ROUNDS:-7}"

# One CPU: the secondaries of -smp N would only sit in the firmware loop.
boot() {
    timeout 900 "$qemu" -M virt -cpu la464,lvz=on -smp 1 -m 1G -nographic -no-reboot \
        -nic none -kernel "$out/lvz-speed.elf" "$@" </dev/null | tr -d '\r'
}

median() { sed -n 's/^lvz-speed: median guest\/native speed //p' "$1"; }
best() { sed -n 's/^lvz-speed: best-of guest\/native speed //p' "$1"; }

status=0
for mode in wall icount; do
    log="$out/$mode.log"
    echo "== $mode: $([ $mode = wall ] && echo 'wall-clock time (host speed of the emulator)' \
        || echo '-icount shift=0 (instructions executed)')"
    if [ $mode = wall ]; then boot | tee "$log"; else boot -icount shift=0 | tee "$log"; fi
    if [ -z "$(median "$log")" ] || grep -q FAIL "$log"; then
        echo "lvz-speed: the $mode run did not complete" >&2
        status=1
    fi
done

echo "== summary (guest speed / native speed; goal >= 0.8)"
echo "wall clock:        best-of $(best "$out/wall.log"), median $(median "$out/wall.log")"
echo "instruction count: best-of $(best "$out/icount.log"), median $(median "$out/icount.log")"
exit $status
