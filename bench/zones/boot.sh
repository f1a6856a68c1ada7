#!/bin/bash
# bench/zones/boot.sh [ROUNDS]: instructions for a non-root Linux zone (zone1:
# 1 CPU, 256 MiB) to boot from its ZONE_START hypercall to its shell prompt,
# under lvisor (only the zone's CPU runs once the start is done; the root's
# CPUs are stopped) and natively on the same QEMU (one CPU, the zone's kernel,
# initramfs and device tree). -icount shift=0,sleep=off; ROUNDS (default 2)
# of each, then one lvisor round with every CPU running. Prints the counts,
# their medians and the ratio (goal: lvisor / native <= 1.10).
. "$(dirname "$0")/../lib/prelude.sh"
need_emulator
need_hypervisor
make -C "$root" --no-print-directory initramfs
need_files "$build/linux/vmlinux" "$build/initramfs.cpio.gz" \
    "$build/overlays/zones/usr/share/lvisor/zone1-linux.dtb"
"$here/boot.py" "${1:-2}" | tee "$out/boot.result"
