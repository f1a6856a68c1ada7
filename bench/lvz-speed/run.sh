#!/bin/bash
# bench/lvz-speed/run.sh [QEMU]: builds the speed bench and boots it twice on
# the LVZ QEMU: once timed by the wall clock (rdtime.d follows host time),
# once with -icount shift=0 (rdtime.d counts instructions). Prints each run's
# rounds and a summary; exits non-zero if a run fails or prints no figure.
# Two workloads per run (see README.md): "tlb" (TLB stress, one access per
# page in permuted order) and "stream" (arithmetic on every word, pages in
# address order). BUF_MIB, PASSES (tlb), STREAM_PASSES and ROUNDS in the
# environment change them.
QEMU=${1:-${QEMU:-}}
. "$(dirname "$0")/../lib/prelude.sh"
need_emulator
build_guest BUF_MIB="${BUF_MIB:-16}" PASSES="${PASSES:-200}" STREAM_PASSES="${STREAM_PASSES:-8}" \
    ROUNDS="${ROUNDS:-7}"

# One CPU: the secondaries of -smp N would only sit in the firmware loop.
boot() {
    timeout 900 "$qemu" -M virt -cpu la464,lvz=on -smp 1 -m 1G -nographic -no-reboot \
        -nic none -kernel "$out/lvz-speed.elf" "$@" </dev/null | tr -d '\r'
}

# median|best-of WORKLOAD LOG
figure() { sed -n "s/^lvz-speed: $2: $1 guest\/native speed //p" "$3"; }

status=0
for mode in wall icount; do
    log="$out/$mode.log"
    echo "== $mode: $([ $mode = wall ] && echo 'wall-clock time (host speed of the emulator)' \
        || echo '-icount shift=0 (instructions executed)')"
    if [ $mode = wall ]; then boot | tee "$log"; else boot -icount shift=0 | tee "$log"; fi
    if [ -z "$(figure median stream "$log")" ] || grep -q FAIL "$log"; then
        echo "lvz-speed: the $mode run did not complete" >&2
        status=1
    fi
done

echo "== summary (guest speed / native speed; goal >= 0.8)"
for wl in stream tlb; do
    [ $wl = stream ] && echo "stream (ordinary CPU and memory work, pages in order):" \
        || echo "tlb (worst case: one access per page, every access a new page):"
    echo "  wall clock:        best-of $(figure best-of $wl "$out/wall.log"), median $(figure median $wl "$out/wall.log")"
    echo "  instruction count: best-of $(figure best-of $wl "$out/icount.log"), median $(figure median $wl "$out/icount.log")"
done
exit $status
