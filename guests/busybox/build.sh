#!/bin/bash
# guests/busybox/build.sh: busybox 1.37 (Debian source), static for
# loongarch64, built with lvisor's musl cross compiler. $LVISOR_BUILD/busybox
# links to the cached directory; the binary is busybox/busybox.
set -euo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

"$LVISOR_ROOT/toolchain/build.sh"
src=$("$LVISOR_ROOT/scripts/fetch-source.sh" busybox "$BUSYBOX_DEB_VERSION")
fragment="$LVISOR_ROOT/guests/busybox/busybox.config"
cc="$LVISOR_BUILD/bin/loongarch64-linux-musl-cc"
bbmake=(make -C "$src" CROSS_COMPILE= CC="$cc" HOSTCC=gcc AR="llvm-ar$LLVM_SUFFIX"
        NM="llvm-nm$LLVM_SUFFIX" STRIP="llvm-strip$LLVM_SUFFIX" OBJCOPY="llvm-objcopy$LLVM_SUFFIX"
        OBJDUMP="llvm-objdump$LLVM_SUFFIX")

build() {
    local out="$1" line sym
    "${bbmake[@]}" O="$out" defconfig
    # Each fragment line replaces the line of the same symbol.
    while read -r line; do
        sym=$(grep -o 'CONFIG_[A-Za-z0-9_]*' <<<"$line")
        sed -i "/^$sym=/d; /^# $sym is not set/d" "$out/.config"
        echo "$line" >>"$out/.config"
    done < <(grep -E '^(CONFIG_|# CONFIG_)' "$fragment")
    "${bbmake[@]}" O="$out" oldconfig < <(yes "") >/dev/null
    "${bbmake[@]}" O="$out" -j"$JOBS" busybox
}

cached_build busybox "$LVISOR_BUILD/busybox" build "$(basename "$src")" \
    "$(basename "$(readlink -f "$LVISOR_BUILD/sysroot")")" "$(basename "$(readlink -f "$LVISOR_BUILD/compiler-rt")")" \
    "$LVISOR_ROOT/toolchain/loongarch64-linux-musl-cc" "$fragment"
