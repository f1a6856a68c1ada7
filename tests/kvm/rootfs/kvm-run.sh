#!/bin/sh
# Init of the KVM cross-check boot (rdinit=/kvm-run.sh kvm_runs=N): loads
# kvm.ko (the zone kernel has KVM as a module), runs the test guest N times
# through kvm-vmm, one marked block per run, then powers off. Needs no console
# input, so the test reads the console only.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# Kernel messages would interleave with the VMM's output; dmesg is read at the end.
dmesg -n 1
runs=1
for arg in $(cat /proc/cmdline); do
    case "$arg" in kvm_runs=*) runs="${arg#kvm_runs=}" ;; esac
done
insmod /lib/modules/kvm.ko
echo "kvm-run: insmod kvm.ko status $?, $(grep -c '^kvm ' /proc/modules) kvm module loaded"
echo "kvm-run: $(nproc) CPUs, $(ls -l /dev/kvm 2>&1)"
i=1
while [ "$i" -le "$runs" ]; do
    echo "kvm-run: begin $i"
    kvm-vmm -t 60 /usr/share/kvm-test/guest.elf 2>&1
    echo "kvm-run: end $i status $?"
    i=$((i + 1))
done
kvm-vmm /nonexistent.elf >/dev/null 2>&1
echo "kvm-run: missing guest status $?"
echo "kvm-run: dmesg begin"
dmesg
echo "kvm-run: dmesg end"
poweroff -f
