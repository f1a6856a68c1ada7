#!/bin/bash
# make-esp.sh OUT.img --efi lvisor.efi --hv lvisor.elf --kernel vmlinux [--initrd FILE]
#             [--cmdline "lvisor's command line"] [--root-cmdline "..."] [--cfg FILE]
# Builds a FAT EFI system partition image (no partition table, as a
# removable disk) with mtools:
#   \EFI\BOOT\BOOTLOONGARCH64.EFI   lvisor.efi, which the firmware starts from removable media
#   \lvisor\lvisor.cfg              what lvisor.efi loads (written here, or --cfg FILE as is)
#   \lvisor\lvisor.elf, \lvisor\vmlinux, \lvisor\initrd
set -euo pipefail
out=$1; shift
efi="" hv="" kernel="" initrd="" cmdline="" root_cmdline="" cfg=""
while [ $# -gt 0 ]; do
    case "$1" in
    --efi) efi=$2 ;;
    --hv) hv=$2 ;;
    --kernel) kernel=$2 ;;
    --initrd) initrd=$2 ;;
    --cmdline) cmdline=$2 ;;
    --root-cmdline) root_cmdline=$2 ;;
    --cfg) cfg=$2 ;;
    *) echo "make-esp.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
for f in "$efi" "$hv" "$kernel" ${initrd:+"$initrd"}; do
    [ -f "$f" ] || { echo "make-esp.sh: missing $f" >&2; exit 1; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ -z "$cfg" ]; then
    cfg=$tmp/lvisor.cfg
    {
        echo "# lvisor.efi: what to load from this partition (paths from its root)"
        echo "hypervisor=\\lvisor\\lvisor.elf"
        echo "kernel=\\lvisor\\vmlinux"
        [ -z "$initrd" ] || echo "initrd=\\lvisor\\initrd"
        echo "# lvisor's own command line (log=errors, root_cpus=0-1, ...)"
        echo "cmdline=$cmdline"
        [ -z "$root_cmdline" ] || echo "root_cmdline=$root_cmdline"
        echo "# verbose=1: lvisor.efi also lists what it loads and what the firmware keeps"
    } > "$cfg"
fi
# room for the files and 16 MiB more, in MiB
mib=$(( ($(stat -L -c %s "$efi" "$hv" "$kernel" ${initrd:+"$initrd"} | paste -sd+ | bc) >> 20) + 16 ))
rm -f "$out.tmp"
mkfs.vfat -C -n LVISOR-ESP "$out.tmp" $((mib * 1024)) >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$out.tmp" ::/EFI ::/EFI/BOOT ::/lvisor
mcopy -i "$out.tmp" "$efi" ::/EFI/BOOT/BOOTLOONGARCH64.EFI
mcopy -i "$out.tmp" "$cfg" ::/lvisor/lvisor.cfg
mcopy -i "$out.tmp" "$hv" ::/lvisor/lvisor.elf
mcopy -i "$out.tmp" "$kernel" ::/lvisor/vmlinux
[ -z "$initrd" ] || mcopy -i "$out.tmp" "$initrd" ::/lvisor/initrd
mv "$out.tmp" "$out"
