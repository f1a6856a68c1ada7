#!/bin/bash
# fetch-source.sh PKG DEBIAN_VERSION [PATH_GLOB...]
# Downloads a pinned Debian source package (from the trixie deb-src suite) into
# $LVISOR_CACHE/dl and unpacks it once into $LVISOR_CACHE/src/PKG-VERSION with
# Debian's patches applied (dpkg-source -x). Prints the tree's path on stdout.
# When the .dsc cannot be fetched (the archive lost it) but the orig tarball
# arrived, the plain upstream tarball is unpacked instead; PATH_GLOBs then limit
# the extraction to matching members (e.g. '*/compiler-rt/lib/builtins/*').
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || die "usage: fetch-source.sh PKG DEBIAN_VERSION [PATH_GLOB...]"
pkg="$1" version="$2"; shift 2
noepoch="${version#*:}"
upstream="${noepoch%-*}"
dest="$LVISOR_CACHE/src/$pkg-$noepoch"
[ $# -eq 0 ] || dest="$dest-$(input_hash "$@")"
dl="$LVISOR_CACHE/dl"

# Two builds may want the same tree at once: one unpacks, the other waits.
mkdir -p "$LVISOR_CACHE/locks"
exec {lock}>"$LVISOR_CACHE/locks/src-$pkg"
flock "$lock"
if [ ! -f "$dest/.complete" ]; then
    mkdir -p "$dl" "$LVISOR_CACHE/logs"
    log="$LVISOR_CACHE/logs/fetch-$pkg.log"
    dsc="$dl/${pkg}_$noepoch.dsc"
    orig=$(ls "$dl/${pkg}_$upstream.orig.tar."* 2>/dev/null | grep -v '\.asc$' | head -n1 || true)
    if [ ! -f "$dsc" ] && [ -z "$orig" ]; then
        step "downloading source $pkg $version"
        # apt-get fails as a whole when one file is missing; judge by what arrived.
        # --only-source: PKG names a source package, even where a binary of that
        # name (e2fsprogs from bookworm-backports) has a version apt would match.
        (cd "$dl" && apt-get source --download-only --only-source -q "$pkg=$version") >"$log" 2>&1 || true
        orig=$(ls "$dl/${pkg}_$upstream.orig.tar."* 2>/dev/null | grep -v '\.asc$' | head -n1 || true)
        [ -f "$dsc" ] || [ -n "$orig" ] \
            || die "downloading source $pkg $version failed (is the trixie deb-src suite set up? run scripts/setup-host.sh); log: $log"
    fi
    rm -rf "$dest" "$dest.tmp"
    mkdir -p "$(dirname "$dest")"
    if [ -f "$dsc" ] && [ $# -eq 0 ]; then
        timed "unpacking $pkg $version" logged "$log" dpkg-source --no-check -x "$dsc" "$dest.tmp" \
            || die "unpacking $pkg failed; log: $log"
    else
        [ -n "$orig" ] || die "no orig tarball of $pkg $version in $dl"
        [ -f "$dsc" ] || step "no .dsc for $pkg $version: unpacking the upstream tarball, without Debian's patches"
        mkdir -p "$dest.tmp"
        timed "unpacking $(basename "$orig")${*:+ ($*)}" \
            logged "$log" tar -xf "$orig" -C "$dest.tmp" --strip-components=1 --wildcards "$@" \
            || die "unpacking $pkg failed; log: $log"
    fi
    touch "$dest.tmp/.complete"
    mv "$dest.tmp" "$dest"
fi
echo "$dest"
