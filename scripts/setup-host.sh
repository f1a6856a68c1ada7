#!/bin/bash
# Installs the Debian packages and apt suites lvisor's build needs. Idempotent:
# a second run with everything in place returns in about a second.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need_root_and_apt

stamp_dir="$LVISOR_CACHE/stamps"
mkdir -p "$stamp_dir" "$LVISOR_CACHE/logs"

# bookworm-backports: binaries we need newer than bookworm has (meson 1.7 and
# python3-pycotap for QEMU 10's build, qemu-user for running loongarch64 user programs).
# trixie, deb-src only: the pinned sources of QEMU 10.0.13, musl 1.2.5, busybox 1.37,
# e2fsprogs 1.47.2 and llvm-toolchain-19 (compiler-rt). Source-only so no trixie binary can
# enter the system.
sources=/etc/apt/sources.list.d/lvisor.sources
want_sources="Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
"
if ! printf '%s' "$want_sources" | cmp -s - "$sources"; then
    step "adding apt suites bookworm-backports (deb) and trixie (deb-src)"
    printf '%s' "$want_sources" > "$sources"
    rm -f "$stamp_dir/apt-update"
fi

packages=(
    build-essential make git ca-certificates xz-utils bzip2 cpio file bc bison flex
    clang-19 lld-19 llvm-19 libclang-rt-19-dev clang-format-19
    device-tree-compiler libelf-dev libssl-dev
    ninja-build pkg-config libglib2.0-dev libpixman-1-dev libslirp-dev zlib1g-dev libfdt-dev
    python3-venv python3-tomli python3-setuptools
    python3-pytest python3-pexpect libcmocka-dev
    dpkg-dev linux-source-6.12 rsync
    mtools dosfstools
)
backports=(meson python3-pycotap qemu-user qemu-system-misc)

missing=()
for p in "${packages[@]}" "${backports[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The trixie source index is needed even when no package is missing (apt-get
# source), so a new or changed suite list always gets one update.
if [ ! -f "$stamp_dir/apt-update" ] \
    || { [ ${#missing[@]} -gt 0 ] && [ -n "$(find "$stamp_dir/apt-update" -mmin +1440)" ]; }; then
    timed "apt-get update" logged "$LVISOR_CACHE/logs/apt-update.log" apt-get update -q \
        || die "apt-get update failed: check /etc/apt/sources.list.d and the network to Debian's archive; log: $LVISOR_CACHE/logs/apt-update.log"
    touch "$stamp_dir/apt-update"
fi
if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${#missing[@]} Debian packages: ${missing[*]}"
    log="$LVISOR_CACHE/logs/apt-install.log"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" >"$log" 2>&1 \
        || die "installing Debian packages failed; log: $log"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -t bookworm-backports "${backports[@]}" >>"$log" 2>&1 \
        || die "installing bookworm-backports packages failed; log: $log"
fi

# The EDK2 firmware for UEFI boot (make run BOOT=uefi, tests/hypervisor/test_uefi_boot.py):
# one binary package from trixie, unpacked into the cache (fetch-firmware.sh says why).
bash "$(dirname "$0")/fetch-firmware.sh" >/dev/null
