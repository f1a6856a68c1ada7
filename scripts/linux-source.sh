#!/bin/bash
# linux-source.sh: unpacks Debian's linux-source-6.12 tarball once into the
# cache and prints the tree's path. Keyed by the package version, so a Debian
# update of the kernel source gives a fresh tree.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tarball=/usr/src/$LINUX_SOURCE_PKG.tar.xz
[ -f "$tarball" ] || die "$tarball is missing: run scripts/setup-host.sh (it installs $LINUX_SOURCE_PKG)."
version=$(dpkg-query -W -f='${Version}' "$LINUX_SOURCE_PKG")
dest="$LVISOR_CACHE/src/$LINUX_SOURCE_PKG-$version"
# Two builds may want the same tree at once: one unpacks, the other waits.
mkdir -p "$LVISOR_CACHE/locks"
exec {lock}>"$LVISOR_CACHE/locks/src-$LINUX_SOURCE_PKG"
flock "$lock"
if [ ! -f "$dest/.complete" ]; then
    log="$LVISOR_CACHE/logs/linux-source.log"
    mkdir -p "$LVISOR_CACHE/logs"
    rm -rf "$dest" "$dest.tmp" && mkdir -p "$dest.tmp"
    timed "unpacking $LINUX_SOURCE_PKG $version" logged "$log" \
        tar -xf "$tarball" -C "$dest.tmp" --strip-components=1 \
        || die "unpacking $tarball failed; log: $log"
    touch "$dest.tmp/.complete"
    mv "$dest.tmp" "$dest"
fi
echo "$dest"
