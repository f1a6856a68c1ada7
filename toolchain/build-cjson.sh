#!/bin/bash
# toolchain/build-cjson.sh: cJSON (Debian's cjson source, its patches applied)
# as a static library for the loongarch64 musl sysroot, for the root-zone CLI.
# $LVISOR_BUILD/cjson links to the cached directory: libcjson.a and
# include/cjson/cJSON.h, the include path Debian's libcjson-dev uses.
set -euo pipefail
. "$(dirname "$0")/../scripts/lib.sh"

"$LVISOR_ROOT/toolchain/build.sh"
src=$("$LVISOR_ROOT/scripts/fetch-source.sh" cjson "$CJSON_DEB_VERSION")
cc="$LVISOR_BUILD/bin/loongarch64-linux-musl-cc"

build() {
    local out="$1"
    # cached_build runs this in a list where set -e does not hold: each step
    # stops the build itself.
    mkdir -p "$out/include/cjson" || return
    # C99: musl's isnan() needs long long, which C89 (upstream's default) lacks.
    "$cc" -O2 -std=c99 -Wall -Wextra -c "$src/cJSON.c" -o "$out/cJSON.o" || return
    "llvm-ar$LLVM_SUFFIX" rcs "$out/libcjson.a" "$out/cJSON.o" || return
    rm "$out/cJSON.o" || return
    cp "$src/cJSON.h" "$src/LICENSE" "$out/include/cjson/"
}

cached_build cjson "$LVISOR_BUILD/cjson" build "$(basename "$src")" \
    "$(basename "$(readlink -f "$LVISOR_BUILD/sysroot")")" "$(basename "$(readlink -f "$LVISOR_BUILD/compiler-rt")")" \
    "$LVISOR_ROOT/toolchain/loongarch64-linux-musl-cc"
