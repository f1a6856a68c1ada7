#!/bin/bash
# build-compiler-rt.sh: compiler-rt builtins (128-bit long double, overflow and
# division helpers) and crtbegin/crtend for loongarch64, from Debian's
# llvm-toolchain-19 source. The result is laid out as a clang resource
# directory; $LVISOR_BUILD/compiler-rt links to it.
set -euo pipefail
. "$(dirname "$0")/../scripts/lib.sh"

"$LVISOR_ROOT/toolchain/build-musl.sh"
sysroot=$(readlink -f "$LVISOR_BUILD/sysroot")
src=$("$LVISOR_ROOT/scripts/fetch-source.sh" llvm-toolchain-19 "$LLVM_DEB_VERSION" '*/compiler-rt/lib/builtins/*')
builtins="$src/compiler-rt/lib/builtins"
triple=loongarch64-unknown-linux-musl
cflags=(--target="$LA_TARGET" --sysroot="$sysroot" -O2 -fPIC -std=c11 -fno-builtin -fvisibility=hidden -fomit-frame-pointer)
crtflags=(--target="$LA_TARGET" --sysroot="$sysroot" -O2 -fPIC -std=c11 -DCRT_HAS_INITFINI_ARRAY -DEH_USE_FRAME_REGISTRY)

build() {
    local out="$1" lib="$1/lib/$triple" obj="$1/obj" f
    mkdir -p "$lib" "$obj"
    ln -s "$("$CLANG" -print-resource-dir)/include" "$out/include"
    for f in "$builtins"/*.c "$builtins"/loongarch/*.c; do
        case "${f##*/}" in
            *xf* | *xc3.c) continue ;;                   # x87 80-bit long double, and its complex
            trunc*bf2.c) continue ;;                     # bfloat16: clang-19 has no __bf16 here
            apple_versioning.c | os_version_check.c) continue ;;   # Darwin only
            atomic*.c) continue ;;                       # excluded upstream by default, or Darwin only
            crtbegin.c | crtend.c) continue ;;           # objects of their own, below
        esac
        # The generic fp_mode.c gives way to the loongarch one.
        [ "$f" = "$builtins/fp_mode.c" ] && continue
        echo "CC ${f#"$builtins"/}"
        "$CLANG" "${cflags[@]}" -c "$f" -o "$obj/$(basename "${f%.c}").o"
    done
    "llvm-ar$LLVM_SUFFIX" rcs "$lib/libclang_rt.builtins.a" "$obj"/*.o
    for f in crtbegin crtend; do
        "$CLANG" "${crtflags[@]}" -c "$builtins/$f.c" -o "$lib/clang_rt.$f.o"
    done
    rm -rf "$obj"
}

cached_build compiler-rt "$LVISOR_BUILD/compiler-rt" build "$(basename "$src")" "$(basename "$sysroot")"
