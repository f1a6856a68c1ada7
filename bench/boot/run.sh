#!/bin/bash
# bench/boot/run.sh: instructions to boot the root-zone Linux (build/linux/vmlinux
# + build/initramfs.cpio.gz) to its shell prompt, under lvisor (hypervisor/run.sh)
# and natively on the same QEMU binary (-cpu la464,lvz=on, same -smp 4 -m 1G).
# The native command line is the root zone's (platform/qemu-virt/root_zone.c).
# Both boots run with -icount shift=0,sleep=off; the count is QMP's query-replay
# icount at the moment the prompt appears (boot.py). Prints both and the ratio.
. "$(dirname "$0")/../lib/prelude.sh"
need_emulator
need_hypervisor
need_files "$build/linux/vmlinux" "$build/initramfs.cpio.gz"

LVISOR_ELF="$build/hypervisor/lvisor.elf" BOOT_LOG="$out/lvisor.log" "$here/boot.py" lvisor \
    env LVZ_QEMU="$qemu" "$root/hypervisor/run.sh" --smp 4 -- | tee "$out/result"
BOOT_LOG="$out/native.log" "$here/boot.py" native \
    "$qemu" -M virt -cpu la464,lvz=on -smp 4 -m 1G -nographic -no-reboot -nic none \
    -kernel "$build/linux/vmlinux" -initrd "$build/initramfs.cpio.gz" \
    -append "console=ttyS0,115200 earlycon rdinit=/init" | tee -a "$out/result"

hv=$(awk '$1 == "lvisor" && $2 == "icount" { print $3 }' "$out/result")
nat=$(awk '$1 == "native" { print $3 }' "$out/result")
[ -n "$hv" ] && [ -n "$nat" ] || die "a boot did not reach its prompt"
awk -v h="$hv" -v n="$nat" 'BEGIN {
    printf "== instructions to the shell prompt (goal: lvisor/native <= 1.10)\n"
    printf "lvisor %d (%.3f G)\nnative %d (%.3f G)\nratio  %.3f\n", h, h / 1e9, n, n / 1e9, h / n }'
