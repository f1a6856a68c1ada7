#!/bin/bash
# guests/e2fsprogs/build.sh: mke2fs and e2fsck of e2fsprogs 1.47 (Debian
# source), static for loongarch64, built with lvisor's musl cross compiler:
# busybox has no e2fsck, and its mke2fs makes ext2 only. Only the libraries
# these two need are built. $LVISOR_BUILD/e2fsprogs links to the cached
# directory with the stripped binaries mke2fs and e2fsck; the Makefile puts
# them in /sbin of every zone's initramfs. With no /etc/mke2fs.conf, mke2fs
# uses its built-in profile, under which mkfs.ext4 makes ext4.
set -euo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

"$LVISOR_ROOT/toolchain/build.sh"
src=$("$LVISOR_ROOT/scripts/fetch-source.sh" e2fsprogs "$E2FSPROGS_DEB_VERSION")
cc="$LVISOR_BUILD/bin/loongarch64-linux-musl-cc"
# The private uuid and blkid libraries (the sysroot has neither), and no
# pkg-config: the host's would offer the host's libraries.
options=(--host="$LA_TARGET" CC="$cc" BUILD_CC=gcc CFLAGS=-O2 PKG_CONFIG=false
         AR="llvm-ar$LLVM_SUFFIX" RANLIB="llvm-ranlib$LLVM_SUFFIX" STRIP="llvm-strip$LLVM_SUFFIX"
         --enable-libuuid --enable-libblkid --disable-elf-shlibs --disable-nls --disable-fuse2fs
         --disable-debugfs --disable-imager --disable-resizer --disable-defrag --disable-uuidd
         --disable-tdb --disable-backtrace --disable-testio-debug --disable-rpath
         --without-libarchive --without-pthread
         --with-udev-rules-dir=no --with-crond-dir=no --with-systemd-unit-dir=no)

build() {
    local out="$1" lib
    mkdir -p "$out/obj" && cd "$out/obj"
    "$src/configure" "${options[@]}"
    make subs
    for lib in et e2p uuid blkid support ext2fs; do
        make -C "lib/$lib" -j"$JOBS"
    done
    make -C misc -j"$JOBS" mke2fs
    make -C e2fsck -j"$JOBS" e2fsck
    "llvm-strip$LLVM_SUFFIX" -o "$out/mke2fs" misc/mke2fs
    "llvm-strip$LLVM_SUFFIX" -o "$out/e2fsck" e2fsck/e2fsck
    cd "$out" && rm -rf obj
}

cached_build e2fsprogs "$LVISOR_BUILD/e2fsprogs" build "$(basename "$src")" \
    "$(basename "$(readlink -f "$LVISOR_BUILD/sysroot")")" "$(basename "$(readlink -f "$LVISOR_BUILD/compiler-rt")")" \
    "$LVISOR_ROOT/toolchain/loongarch64-linux-musl-cc"
