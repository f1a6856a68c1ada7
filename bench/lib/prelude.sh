# bench/lib/prelude.sh: sourced first by every bench/NAME/run.sh. Sets
#   name   the bench (its directory's name); every message starts with it
#   here   the bench's directory;  root: the repository;  build: $root/build
#   out    $build/bench/NAME, created
#   qemu   the LVZ QEMU: $QEMU if set, else build/bin/qemu-system-loongarch64
# and gives the steps the benches share:
#   die MESSAGE...           "NAME: MESSAGE" on stderr, exit 1
#   need_emulator            build the LVZ QEMU (make emulator) if $qemu is not there
#   need_hypervisor          build lvisor (make hypervisor; quick when nothing changed)
#   build_guest [VAR=VALUE]  the bench's own bare-metal program: its Makefile, OUT=$out
#   need_files FILE...       die unless each file exists (make builds them)
#   expect_line LOG REGEX WHAT  die "WHAT" unless a line of LOG matches REGEX
#   no_fail LOG              die with LOG's first line that says FAIL, if one does
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
name=$(basename "$here")
root=$(cd "$here/../.." && pwd)
build="$root/build"
out="$build/bench/$name"
qemu="${QEMU:-$build/bin/qemu-system-loongarch64}"
mkdir -p "$out"

die() {
    echo "$name: $*" >&2
    exit 1
}

need_emulator() {
    [ -x "$qemu" ] && return
    echo "$name: no LVZ QEMU at $qemu; building it with make emulator" >&2
    make -C "$root" --no-print-directory emulator
    [ -x "$qemu" ] || die "still no LVZ QEMU at $qemu"
}

need_hypervisor() {
    make -C "$root" --no-print-directory hypervisor
}

build_guest() {
    make -C "$here" --no-print-directory -s OUT="$out" "$@"
}

need_files() {
    local f
    for f in "$@"; do
        [ -e "$f" ] || die "missing $f (run make first)"
    done
}

expect_line() {
    grep -aqE "$2" "$1" || die "$3 (console: $1)"
}

no_fail() {
    local line
    line=$(grep -a -m1 FAIL "$1") || return 0
    die "the guest reported a failure: $line"
}
