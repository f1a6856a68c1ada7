#!/bin/bash
# run.sh [--smp N] [--mem SIZE] [--kernel ELF] [--initrd FILE] [--consoles DIR] [--root-cpus LIST] [-- QEMU_ARG...]
# Boots lvisor on the LVZ-enabled QEMU virt board with the root zone's kernel
# (default: the zone vmlinux) and initramfs, console on this terminal.
# Guest images are placed with QEMU's generic loader at the fixed staging
# addresses of hypervisor/platform/qemu-virt/platform.h; lvisor reads the
# initrd size from its own command line (-append). --mem is QEMU's -m (1G or
# more: the staging addresses are in the first GiB); the root zone gets it all
# but lvisor's 16 MiB and, from 2G on, the 512 MiB set aside for zones.
# --consoles DIR puts the zones' UARTs on sockets in DIR; --root-cpus LIST
# gives the root zone only those CPUs; --hv-args adds to lvisor's command line.
# --boot uefi: QEMU's EDK2 (-bios QEMU_EFI.fd, scripts/fetch-firmware.sh) starts
# lvisor.efi from a FAT ESP on a virtio disk (build/esp.img, made by
# hypervisor/boot/efi/make-esp.sh from build/hypervisor-efi/), which loads lvisor
# and the images from there; --esp IMG boots that image as it is.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${LVISOR_BUILD:-$root/build}
qemu=${LVZ_QEMU:-$build/bin/qemu-system-loongarch64}
smp=4 mem=1G kernel=$build/linux/vmlinux initrd=$build/initramfs.cpio.gz
consoles="" root_cpus="" hv_args="" boot=kernel esp=""
while [ $# -gt 0 ]; do
    case "$1" in
    --smp) smp=$2; shift 2 ;;
    --consoles) consoles=$2; shift 2 ;;
    --root-cpus) root_cpus=$2; shift 2 ;;
    --hv-args) hv_args=$2; shift 2 ;;
    --boot) boot=$2; shift 2 ;;
    --esp) esp=$2; shift 2 ;;
    --mem) mem=$2; shift 2 ;;
    --kernel) kernel=$2; shift 2 ;;
    --initrd) initrd=$2; shift 2 ;;
    --) shift; break ;;
    *) break ;;
    esac
done
hv=$build/hypervisor
[ "$boot" = kernel ] || hv=$build/hypervisor-efi
for f in "$qemu" "$hv/lvisor.elf" "$kernel"; do
    [ -e "$f" ] || { echo "run.sh: missing $f (build it first)" >&2; exit 1; }
done
args=(-M virt -cpu la464,lvz=on -smp "$smp" -m "$mem" -nographic -no-reboot -nic none)
append=""
if [ "$boot" = kernel ]; then
    args+=(-kernel "$hv/lvisor.elf" -device "loader,file=$kernel,addr=0xa0000000,force-raw=on")
    if [ -n "$initrd" ] && [ -e "$initrd" ]; then
        args+=(-device "loader,file=$initrd,addr=0xa8000000,force-raw=on")
        append="initrd_size=$(stat -L -c %s "$initrd")"
    fi
elif [ "$boot" != uefi ]; then
    echo "run.sh: --boot kernel or uefi, not $boot" >&2; exit 2
fi
# UARTs 1-3 are the non-root zones' consoles: Unix sockets in DIR (zone1.sock
# ... zone3.sock, by UART), which `scripts/zone-console.py DIR/zone1.sock`
# or a test connects to. UART 0 stays on this terminal.
if [ -n "$consoles" ]; then
    mkdir -p "$consoles"
    args+=(-serial mon:stdio)
    for n in 1 2 3; do
        rm -f "$consoles/zone$n.sock"
        args+=(-serial "unix:$consoles/zone$n.sock,server=on,wait=off")
    done
fi
# root_cpus=LIST: the root zone keeps only these CPUs (0 first, in order); the others wait for zones.
[ -z "$root_cpus" ] || append="${append:+$append }root_cpus=$root_cpus"
# --hv-args "...": more of lvisor's own command line, e.g. log=errors (only errors on this
# console once the root runs; `lvisor hv log` in the root shows everything).
[ -z "$hv_args" ] || append="${append:+$append }$hv_args"
if [ "$boot" = kernel ]; then
    exec "$qemu" "${args[@]}" -append "$append" "$@"
fi
# UEFI: lvisor's command line goes into the ESP's lvisor.cfg.
fw=$(bash "$root/scripts/fetch-firmware.sh")/QEMU_EFI.fd
if [ -z "$esp" ]; then
    esp=$build/esp.img
    "$root/hypervisor/boot/efi/make-esp.sh" "$esp" --efi "$hv/lvisor.efi" --hv "$hv/lvisor.elf" \
        --kernel "$kernel" ${initrd:+--initrd "$initrd"} --cmdline "$append"
fi
exec "$qemu" "${args[@]}" -bios "$fw" -drive "file=$esp,format=raw,if=none,id=esp" \
    -device virtio-blk-pci,drive=esp "$@"
