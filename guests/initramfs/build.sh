#!/bin/bash
# guests/initramfs/build.sh OUT.cpio.gz BUSYBOX [OVERLAY_DIR...]
# Packs a zone initramfs: the files under guests/initramfs/rootfs, each
# OVERLAY_DIR on top (other parts add their programs this way), then busybox
# with a link per applet where no file is (an overlay's mke2fs is kept). Runs
# in seconds, so make decides when to rerun it.
set -euo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

[ $# -ge 2 ] || die "usage: guests/initramfs/build.sh OUT.cpio.gz BUSYBOX [OVERLAY_DIR...]"
out="$1" busybox="$2"; shift 2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,root,mnt}
cp -a "$LVISOR_ROOT/guests/initramfs/rootfs/." "$stage/"
for overlay in "$@"; do
    cp -a "$overlay/." "$stage/"
done
# The links come last: cp would write an overlay's file through one, into busybox.
cp "$busybox" "$stage/bin/busybox"
# The applet list comes from the binary itself, run under qemu-user.
for applet in $(qemu-loongarch64 "$busybox" --list-full); do
    [ -e "$stage/$applet" ] || [ -L "$stage/$applet" ] || ln -s /bin/busybox "$stage/$applet"
done
ln -s bin/busybox "$stage/init"
mknod -m 600 "$stage/dev/console" c 5 1
mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --reproducible -R 0:0 --quiet) \
    | gzip -n -9 >"$out.tmp"
mv "$out.tmp" "$out"
