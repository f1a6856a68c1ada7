#!/bin/bash
# guests/zones/build-dtb.sh OUT.dtb NAME NR_CPUS RAM_SIZE UART INITRD_START INITRD
# Writes a non-root Linux zone's device tree from zone-linux.dts.in: NR_CPUS
# CPU nodes, RAM_SIZE bytes of RAM at 0, its UART at UART (hex, no 0x), and
# the initrd the zone's config loads at zone address INITRD_START (its end
# from the file INITRD's size).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -eq 7 ] || { echo "usage: $0 OUT.dtb NAME NR_CPUS RAM_SIZE UART INITRD_START INITRD" >&2; exit 2; }
out="$1" name="$2" ncpus="$3" ram="$4" uart="$5" istart="$6" initrd="$7"
iend=$(printf '0x%x' $((istart + $(stat -L -c %s "$initrd"))))
cpus=""
for ((i = 0; i < ncpus; i++)); do
    cpus+="        cpu@$i { device_type = \"cpu\"; compatible = \"loongarch,Loongson-3A5000\"; reg = <$i>; status = \"okay\"; };"$'\n'
done
mkdir -p "$(dirname "$out")"
sed -e "s/@NAME@/$name/g" -e "s/@RAM_SIZE@/$ram/g" -e "s/@UART@/$uart/g" \
    -e "s/@INITRD_START@/$istart/g" -e "s/@INITRD_END@/$iend/g" "$here/zone-linux.dts.in" \
    | awk -v cpus="$cpus" '{ if ($0 == "@CPUS@") printf "%s", cpus; else print }' >"${out%.dtb}.dts"
dtc -q -I dts -O dtb -o "$out" "${out%.dtb}.dts"
