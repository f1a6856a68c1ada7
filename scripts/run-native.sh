#!/bin/bash
# run-native.sh [QEMU_ARG...]: boots the zone kernel and initramfs directly on
# QEMU's LoongArch virt board (no hypervisor), serial console on this terminal.
# `make run` and the native-boot system test both start the board this way.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

qemu="${QEMU:-/usr/bin/qemu-system-loongarch64}"
kernel="$LVISOR_BUILD/linux/vmlinux" initramfs="$LVISOR_BUILD/initramfs.cpio.gz"
[ -f "$kernel" ] && [ -f "$initramfs" ] || die "no kernel or initramfs in $LVISOR_BUILD: run make first."
[ -t 0 ] && step "booting Linux on QEMU virt (4 CPUs, 1 GiB); leave with Ctrl-A X or poweroff"
exec "$qemu" -M virt -cpu la464 -smp 4 -m 1G -nographic -no-reboot -nic none \
    -kernel "$kernel" -initrd "$initramfs" -append "console=ttyS0,115200 rdinit=/init" "$@"
