#!/bin/bash
# run.sh [--smp N] [--mem SIZE] [--kernel ELF] [--initrd FILE] [-- QEMU_ARG...]
# Boots lvisor on the LVZ-enabled QEMU virt board with the root zone's kernel
# (default: the zone vmlinux) and initramfs, console on this terminal.
# Guest images are placed with QEMU's generic loader at the fixed staging
# addresses of hypervisor/platform/qemu-virt/platform.h; lvisor reads the
# initrd size from its own command line (-append). --mem is QEMU's -m (1G or
# more: the staging addresses are in the first GiB); the root zone gets it all
# but lvisor's 16 MiB.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${LVISOR_BUILD:-$root/build}
qemu=${LVZ_QEMU:-$build/bin/qemu-system-loongarch64}
smp=4 mem=1G kernel=$build/linux/vmlinux initrd=$build/initramfs.cpio.gz
while [ $# -gt 0 ]; do
    case "$1" in
    --smp) smp=$2; shift 2 ;;
    --mem) mem=$2; shift 2 ;;
    --kernel) kernel=$2; shift 2 ;;
    --initrd) initrd=$2; shift 2 ;;
    --) shift; break ;;
    *) break ;;
    esac
done
for f in "$qemu" "$build/hypervisor/lvisor.elf" "$kernel"; do
    [ -e "$f" ] || { echo "run.sh: missing $f (build it first)" >&2; exit 1; }
done
args=(-M virt -cpu la464,lvz=on -smp "$smp" -m "$mem" -nographic -no-reboot -nic none
      -kernel "$build/hypervisor/lvisor.elf"
      -device "loader,file=$kernel,addr=0xa0000000,force-raw=on")
append=""
if [ -n "$initrd" ] && [ -e "$initrd" ]; then
    args+=(-device "loader,file=$initrd,addr=0xa8000000,force-raw=on")
    append="initrd_size=$(stat -L -c %s "$initrd")"
fi
exec "$qemu" "${args[@]}" -append "$append" "$@"
