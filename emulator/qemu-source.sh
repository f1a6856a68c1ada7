# The pinned QEMU source and how lvisor configures it. Sourced by build.sh and
# edit.sh; part of the cache key, so changing a flag here rebuilds the emulator.
QEMU_DEB_VERSION="1:10.0.13+ds-0+deb13u1"
QEMU_DSC="qemu_10.0.13+ds-0+deb13u1.dsc"

# Only the LoongArch system emulator. Everything the tests do not use is off:
# fewer dependencies and a build that fits in a few minutes on two cores.
# --disable-install-blobs: Debian strips the firmware blobs from its source.
# --disable-debug-info: about a quarter of the compile time, and nobody steps
# through QEMU in a test run.
QEMU_CONFIGURE_FLAGS=(
    --target-list=loongarch64-softmmu
    --python=/usr/bin/python3
    --without-default-features
    --enable-tcg
    --enable-slirp
    --enable-fdt=system
    --disable-docs
    --disable-debug-info
    --disable-tools
    --disable-guest-agent
    --disable-werror
    --disable-download
    --disable-install-blobs
    --audio-drv-list=
)

# qemu_fetch_source: makes sure the Debian source package is in $LVISOR_CACHE/dl.
qemu_fetch_source() {
    local dl="$LVISOR_CACHE/dl"
    mkdir -p "$dl"
    [ -f "$dl/$QEMU_DSC" ] && return 0
    step "fetching Debian source qemu=$QEMU_DEB_VERSION"
    (cd "$dl" && apt-get source --download-only "qemu=$QEMU_DEB_VERSION") >"$dl/qemu-fetch.log" 2>&1 \
        || die "apt-get source qemu=$QEMU_DEB_VERSION failed (is trixie deb-src configured? run scripts/setup-host.sh); log: $dl/qemu-fetch.log"
}

# qemu_unpack DIR: unpacks the pristine source (Debian's own patches applied) into DIR.
qemu_unpack() {
    local dir="$1"
    rm -rf "$dir"
    mkdir -p "$(dirname "$dir")"
    dpkg-source -x "$LVISOR_CACHE/dl/$QEMU_DSC" "$dir" >"$dir.unpack.log" 2>&1 \
        || die "unpacking $QEMU_DSC failed; log: $dir.unpack.log"
    # No PCI device models beyond what the virt board itself selects (virtio
    # stays): no test plugs in a NIC, disk or USB controller, and the zoo of
    # PCI_DEVICES is a good part of a fresh build.
    local mak="$dir/configs/devices/loongarch64-softmmu/default.mak"
    grep -q '^# CONFIG_PCI_DEVICES=n' "$mak" \
        || die "emulator: $mak has no '# CONFIG_PCI_DEVICES=n' line to turn on"
    sed -i 's/^# CONFIG_PCI_DEVICES=n/CONFIG_PCI_DEVICES=n/' "$mak"
}
