#!/bin/bash
# Builds lvisor's qemu-system-loongarch64: Debian's QEMU 10.0.13 source plus the
# LVZ series in emulator/patches. The binary is cached under
# $LVISOR_CACHE/qemu-<key>/, where <key> hashes the series and the build
# scripts, and linked as build/bin/qemu-system-loongarch64 in the clone.
# A second run with nothing changed only re-creates the link.
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
# One build per key at a time; a second caller waits and then finds the binary.
exec 9>"$out.lock"
flock 9
if [ -x "$bin" ]; then
    link_binary
    exit 0
fi

logs="$out/logs"
rm -rf "$out/src" "$out/build" "$logs"
mkdir -p "$logs"

qemu_fetch_source
timed "emulator: unpack QEMU $QEMU_DEB_VERSION" qemu_unpack "$out/src"

apply_series() {
    local p
    for p in "$here"/patches/*.patch; do
        [ -e "$p" ] || continue
        (cd "$out/src" && patch -p1 --forward --batch <"$p") >>"$logs/patch.log" 2>&1 \
            || die "emulator: patch $(basename "$p") does not apply; log: $logs/patch.log"
    done
}
timed "emulator: apply $(ls "$here"/patches/*.patch 2>/dev/null | wc -l) LVZ patches" apply_series

configure_qemu() {
    mkdir -p "$out/build"
    (cd "$out/build" && ../src/configure "${QEMU_CONFIGURE_FLAGS[@]}") >"$logs/configure.log" 2>&1 \
        || die "emulator: QEMU configure failed; log: $logs/configure.log"
}
timed "emulator: configure" configure_qemu

compile_qemu() {
    ninja -C "$out/build" -j"$jobs" qemu-system-loongarch64 >"$logs/build.log" 2>&1 \
        || { tail -n 30 "$logs/build.log" >&2; die "emulator: QEMU build failed; log: $logs/build.log"; }
}
timed "emulator: compile qemu-system-loongarch64 (-j$jobs, a few minutes)" compile_qemu

mkdir -p "$out/bin"
cp "$out/build/qemu-system-loongarch64" "$bin.tmp"
mv "$bin.tmp" "$bin"
# The sources and objects are not needed once the binary is cached (about 1 GiB).
rm -rf "$out/src" "$out/build"
link_binary
