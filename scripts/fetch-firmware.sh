#!/bin/bash
# Fetches the pinned EDK2 firmware for QEMU's LoongArch virt board, which
# `make run BOOT=uefi` and the UEFI boot test start lvisor.efi from:
# $LVISOR_CACHE/edk2-loongarch64-<version>/QEMU_EFI.fd (and QEMU_VARS.fd).
# Prints that directory. Idempotent: once unpacked it returns at once.
#
# Why trixie: bookworm has no qemu-efi-loongarch64 at all; trixie's is a
# binary `all` package (EDK2 2025.02), so this one package comes from trixie
# with a private apt list, used only here. trixie never becomes a binary
# suite of the system (setup-host.sh keeps it deb-src only), and nothing
# is installed: the .deb is unpacked into the cache.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out="$LVISOR_CACHE/edk2-loongarch64-$EDK2_LOONGARCH_DEB_VERSION"
if [ ! -f "$out/.complete" ]; then
    need_root_and_apt
    step "fetching Debian's EDK2 for LoongArch (trixie qemu-efi-loongarch64 $EDK2_LOONGARCH_DEB_VERSION)"
    work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
    log="$LVISOR_CACHE/logs/edk2-loongarch64.log"
    mkdir -p "$work/lists/partial" "$work/deb" "$LVISOR_CACHE/logs"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
        > "$work/trixie.list"
    apt_opts=(-o Dir::Etc::sourcelist="$work/trixie.list" -o Dir::Etc::sourceparts=-
              -o Dir::State::Lists="$work/lists")
    chown -R _apt "$work" 2>/dev/null || true
    apt-get -q "${apt_opts[@]}" update >"$log" 2>&1 \
        || die "apt-get update of trixie (for the EDK2 firmware) failed; log: $log"
    (cd "$work/deb" && apt-get -q "${apt_opts[@]}" download \
        "qemu-efi-loongarch64=$EDK2_LOONGARCH_DEB_VERSION") >>"$log" 2>&1 \
        || die "downloading qemu-efi-loongarch64 $EDK2_LOONGARCH_DEB_VERSION failed (gone from trixie? update scripts/versions.sh); log: $log"
    rm -rf "$out" && mkdir -p "$out"
    dpkg-deb -x "$work"/deb/qemu-efi-loongarch64_*.deb "$work/x"
    cp "$work/x/usr/share/qemu-efi-loongarch64/QEMU_EFI.fd" "$work/x/usr/share/qemu-efi-loongarch64/QEMU_VARS.fd" "$out/"
    touch "$out/.complete"
fi
echo "$out"
