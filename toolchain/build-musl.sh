#!/bin/bash
# build-musl.sh: the loongarch64 sysroot: musl 1.2.5 (static only, built with
# clang-19) plus the Linux UAPI headers. $LVISOR_BUILD/sysroot links to it.
set -euo pipefail
. "$(dirname "$0")/../scripts/lib.sh"

"$LVISOR_ROOT/toolchain/build-linux-headers.sh"
headers=$(readlink -f "$LVISOR_BUILD/linux-headers")
src=$("$LVISOR_ROOT/scripts/fetch-source.sh" musl "$MUSL_DEB_VERSION")

build() {
    local out="$1" obj="$1/obj"
    mkdir -p "$obj" && cd "$obj"
    # LIBCC empty: no libgcc exists for this target; compiler-rt comes later
    # and only programs, not libc.a itself, link against it.
    "$src/configure" --target="$LA_TARGET" --prefix=/usr --disable-shared --disable-wrapper \
        CC="$CLANG --target=$LA_TARGET" AR="llvm-ar$LLVM_SUFFIX" RANLIB="llvm-ranlib$LLVM_SUFFIX" LIBCC=" "
    make -j"$JOBS"
    make install DESTDIR="$out"
    cd "$out" && rm -rf "$obj"
    cp -a "$headers/usr/include/." "$out/usr/include/"
}

cached_build musl "$LVISOR_BUILD/sysroot" build "$(basename "$src")" "$(basename "$headers")"
