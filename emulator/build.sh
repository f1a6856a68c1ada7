#!/bin/bash
# Builds lvisor's qemu-system-loongarch64: Debian's QEMU 10.0.13 source plus the
# LVZ series in emulator/patches. The binary is cached under
# $LVISOR_CACHE/qemu-<key>/, where <key> hashes the series and the build
# scripts, and linked as build/bin/qemu-system-loongarch64 in the clone.
# A second run with nothing changed only re-creates the link; a changed
# series recompiles only the files it touches (persistent work tree
# $LVISOR_CACHE/qemu-work).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../scripts/lib.sh"
. "$here/qemu-source.sh"

jobs="${LVISOR_JOBS:-2}"
t_start=$SECONDS

key=$(cat "$here/build.sh" "$here/qemu-source.sh" "$here"/patches/*.patch 2>/dev/null \
      | sha256sum | cut -c1-16)
out="$LVISOR_CACHE/qemu-$key"
bin="$out/bin/qemu-system-loongarch64"
link="$LVISOR_ROOT/build/bin/qemu-system-loongarch64"

link_binary() {
    mkdir -p "$(dirname "$link")"
    ln -sfn "$bin" "$link"
    printf '    emulator: %s -> %s (%ds)\n' "${link#"$LVISOR_ROOT"/}" "$bin" $((SECONDS - t_start)) >&2
}

if [ -x "$bin" ]; then
    link_binary
    exit 0
fi

mkdir -p "$LVISOR_CACHE"
# One emulator build at a time on this machine: they share the work tree.
work="$LVISOR_CACHE/qemu-work"
exec 9>"$work.lock"
flock 9
if [ -x "$bin" ]; then
    link_binary
    exit 0
fi

logs="$out/logs"
rm -rf "$logs"
mkdir -p "$logs"

qemu_fetch_source
stage="$work/stage"
timed "emulator: unpack QEMU $QEMU_DEB_VERSION" qemu_unpack "$stage"

apply_series() {
    local p
    for p in "$here"/patches/*.patch; do
        [ -e "$p" ] || continue
        (cd "$stage" && patch -p1 --forward --batch <"$p") >>"$logs/patch.log" 2>&1 \
            || die "emulator: patch $(basename "$p") does not apply; log: $logs/patch.log"
    done
}
timed "emulator: apply $(ls "$here"/patches/*.patch 2>/dev/null | wc -l) LVZ patches" apply_series

# The patched tree goes into one persistent source directory; files whose
# content did not change keep their timestamps, so ninja recompiles only
# what the series changed since the last build of any key.
sync_tree() {
    mkdir -p "$work/src"
    rsync -rl --checksum --delete "$stage/" "$work/src/" >"$logs/rsync.log" 2>&1 \
        || die "emulator: copying the patched tree failed; log: $logs/rsync.log"
    rm -rf "$stage" "$stage.unpack.log"
}
timed "emulator: update $work/src" sync_tree

flags="${QEMU_CONFIGURE_FLAGS[*]}"
configure_qemu() {
    rm -rf "$work/build"
    mkdir -p "$work/build"
    (cd "$work/build" && ../src/configure "${QEMU_CONFIGURE_FLAGS[@]}") >"$logs/configure.log" 2>&1 \
        || die "emulator: QEMU configure failed; log: $logs/configure.log"
    printf '%s\n' "$flags" >"$work/build/lvisor-flags"
}
if [ ! -f "$work/build/build.ninja" ] || [ "$(cat "$work/build/lvisor-flags" 2>/dev/null)" != "$flags" ]; then
    timed "emulator: configure" configure_qemu
fi

compile_qemu() {
    ninja -C "$work/build" -j"$jobs" qemu-system-loongarch64 >"$logs/build.log" 2>&1 \
        || { tail -n 30 "$logs/build.log" >&2; die "emulator: QEMU build failed; log: $logs/build.log"; }
}
timed "emulator: compile qemu-system-loongarch64 (-j$jobs; first build takes a while)" compile_qemu

mkdir -p "$out/bin"
cp "$work/build/qemu-system-loongarch64" "$bin.tmp"
mv "$bin.tmp" "$bin"
link_binary
