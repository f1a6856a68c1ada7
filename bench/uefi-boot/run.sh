#!/bin/bash
# bench/uefi-boot/run.sh: instructions from the firmware's jump into the EFI
# image it starts to the root-zone Linux's shell prompt, lvisor vs native, on
# the same QEMU (-cpu la464,lvz=on -smp 4 -m 1G), the same EDK2 (-bios
# QEMU_EFI.fd) and the same kernel and initramfs:
#   lvisor: hypervisor/run.sh --boot uefi: EDK2 starts lvisor.efi from an ESP
#           (make-esp.sh), which loads lvisor, the kernel and the initramfs;
#   native: EDK2's shell runs startup.nsh, which starts the kernel's EFI stub
#           (vmlinux.efi) with the root zone's command line and the initramfs.
# The kernel is the zone kernel with its EFI stub (efi-stub.config, built
# here as build/linux-uefi-bench). uefi_boot.py counts each side; this prints
# both counts, their ratio, how much of each came before the kernel's first
# instruction, and the sizes of lvisor.efi and of the lvisor it loads.
. "$(dirname "$0")/../lib/prelude.sh"
need_emulator
make -C "$root" --no-print-directory lvisor-efi initramfs
bash "$root/guests/linux/build.sh" uefi-bench "$here/efi-stub.config"
kernel="$build/linux-uefi-bench/vmlinux" initrd="$build/initramfs.cpio.gz"
efi="$build/hypervisor-efi"
need_files "$kernel" "$initrd" "$efi/lvisor.efi" "$efi/lvisor.elf"
fw=$(bash "$root/scripts/fetch-firmware.sh")/QEMU_EFI.fd
cmdline="console=ttyS0,115200 earlycon rdinit=/init" # the root zone's (platform/root_zone.h)

# The kernel's EFI image, made from vmlinux as its arch/loongarch/boot/Makefile does.
llvm-objcopy-19 -O binary -S --remove-section=.comment --remove-section=.note \
    --remove-section=.options --remove-section=.note.gnu.build-id "$kernel" "$out/vmlinux.efi"

"$root/hypervisor/boot/efi/make-esp.sh" "$out/lvisor-esp.img" --efi "$efi/lvisor.efi" \
    --hv "$efi/lvisor.elf" --kernel "$kernel" --initrd "$initrd"
# The native ESP has no \EFI\BOOT\BOOTLOONGARCH64.EFI: EDK2 goes on to its shell,
# which runs \startup.nsh.
printf 'fs0:\\linux\\vmlinux.efi %s initrd=\\linux\\initrd\r\n' "$cmdline" > "$out/startup.nsh"
rm -f "$out/native-esp.img"
mib=$(( ($(stat -c %s "$out/vmlinux.efi" "$initrd" | paste -sd+ | bc) >> 20) + 16 ))
mkfs.vfat -C -n NATIVE-ESP "$out/native-esp.img" $((mib * 1024)) >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$out/native-esp.img" ::/linux
mcopy -i "$out/native-esp.img" "$out/vmlinux.efi" ::/linux/vmlinux.efi
mcopy -i "$out/native-esp.img" "$initrd" ::/linux/initrd
mcopy -i "$out/native-esp.img" "$out/startup.nsh" ::/startup.nsh

BOOT_LOG="$out/lvisor.log" "$here/uefi_boot.py" lvisor "$efi/lvisor.efi" 'lvisor\.efi: ' "$kernel" \
    env LVZ_QEMU="$qemu" "$root/hypervisor/run.sh" --smp 4 --mem 1G --kernel "$kernel" \
    --initrd "$initrd" --boot uefi --esp "$out/lvisor-esp.img" -- | tee "$out/result"
BOOT_LOG="$out/native.log" "$here/uefi_boot.py" native "$out/vmlinux.efi" 'EFI stub: ' "$kernel" \
    "$qemu" -M virt -cpu la464,lvz=on -smp 4 -m 1G -nographic -no-reboot -nic none -bios "$fw" \
    -drive "file=$out/native-esp.img,format=raw,if=none,id=esp" -device virtio-blk-pci,drive=esp \
    | tee -a "$out/result"

# field SIDE KEY: the value after KEY on SIDE's line of uefi_boot.py
field() {
    awk -v side="$1" -v key="$2" \
        '$1 == side { for (i = 2; i < NF; i++) if ($i == key) print $(i + 1) }' "$out/result"
}
hv=$(field lvisor count) nat=$(field native count)
[ -n "$hv" ] && [ -n "$nat" ] || die "a boot did not reach its prompt"
echo "== instructions from the EFI image's entry to the prompt (goal: lvisor/native <= 1.10)" \
    | tee -a "$out/result"
awk -v h="$hv" -v n="$nat" -v hk="$(field lvisor to-kernel)" -v nk="$(field native to-kernel)" \
    'BEGIN {
    printf "lvisor %d (%.3f G)\nnative %d (%.3f G)\nratio  %.3f\n", h, h / 1e9, n, n / 1e9, h / n
    printf "of which before the kernel'"'"'s first instruction: lvisor %.1f M, native %.1f M\n",
        hk / 1e6, nk / 1e6
}' | tee -a "$out/result"
# lvisor.elf's file holds its debug info too: what lvisor.efi copies is its PT_LOAD
# segments' file bytes, and lvisor's image in memory ends with its .bss.
loaded=0 lo="" hi=0
while read -r type _ va _ filesz memsz _; do
    [ "$type" = LOAD ] || continue
    loaded=$((loaded + filesz)) lo=${lo:-$((va))} hi=$((va + memsz))
done < <(llvm-readelf-19 -lW "$efi/lvisor.elf")
{
    echo "== sizes"
    echo "lvisor.efi $(stat -c %s "$efi/lvisor.efi") bytes"
    echo "lvisor.elf $(stat -c %s "$efi/lvisor.elf") bytes, of which loaded $loaded bytes;" \
        "$((hi - lo)) bytes in memory with its .bss"
} | tee -a "$out/result"
