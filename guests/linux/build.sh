#!/bin/bash
# guests/linux/build.sh [VARIANT FRAGMENT...]
# Builds the zone kernel (Linux 6.12, clang-19) from Debian's linux-source and
# the fragments in guests/linux/, merged onto allnoconfig. The cached directory
# is the kernel's O= build tree, so out-of-tree modules build against it;
# $LVISOR_BUILD/linux links to it (vmlinux inside). A VARIANT adds FRAGMENTs
# (e.g. a test's extra options) and is linked as $LVISOR_BUILD/linux-VARIANT.
set -euo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

name=linux
[ $# -eq 0 ] || { name="linux-$1"; shift; }
src=$("$LVISOR_ROOT/scripts/linux-source.sh")
fragments=("$LVISOR_ROOT"/guests/linux/*.config "$@")
kmake=(make -C "$src" ARCH=loongarch LLVM="$LLVM_SUFFIX" -j"$JOBS")

build() {
    local out="$1"
    cd "$src"
    ARCH=loongarch LLVM="$LLVM_SUFFIX" scripts/kconfig/merge_config.sh -n -O "$out" "${fragments[@]}" >"$out/merge.log"
    # merge_config only warns when a requested value did not survive Kconfig.
    # An "is not set" that ends up absent is fine: its menu is off altogether.
    if ! awk '/^Requested value:/ { req = $0 }
              /^Actual value:/ { if (req ~ /=/ || NF > 2) { print req; print; bad = 1 } }
              END { exit bad }' "$out/merge.log"; then
        echo "a kernel fragment asks for a value Kconfig rejected; details in $out/merge.log"
        return 1
    fi
    "${kmake[@]}" O="$out" vmlinux modules
}

cached_build "$name" "$LVISOR_BUILD/$name" build "$(basename "$src")" "${fragments[@]}"
