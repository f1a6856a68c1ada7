#!/bin/bash
# build-linux-headers.sh: Linux 6.12 UAPI headers for loongarch64 user space,
# installed into $LVISOR_BUILD/linux-headers/usr/include.
set -euo pipefail
. "$(dirname "$0")/../scripts/lib.sh"

src=$("$LVISOR_ROOT/scripts/linux-source.sh")

build() {
    local out="$1" obj="$1/obj"
    make -C "$src" ARCH=loongarch O="$obj" INSTALL_HDR_PATH="$out/usr" headers_install
    rm -rf "$obj"
}

cached_build linux-headers "$LVISOR_BUILD/linux-headers" build "$(basename "$src")"
