# Included by the top-level Makefile: builds lvisor and boots it on the LVZ QEMU.
#   make hypervisor         build/hypervisor/lvisor.elf
#   make run-hv [SMP=4]     lvisor + root-zone Linux (vmlinux + initramfs), console here
# The root zone's RAM is fixed by platform/qemu-virt (1 GiB board: -m 1G); SMP
# may be 1-4, CPUs QEMU does not have are left out of the root zone.
LVISOR_ELF := $(BUILD)/hypervisor/lvisor.elf
LVZ_QEMU := $(BIN_DIR)/qemu-system-loongarch64
SMP ?= 4
# Fixed staging addresses (hypervisor/platform/qemu-virt/platform.h).
LVISOR_KERNEL_ADDR := 0xa0000000
LVISOR_INITRD_ADDR := 0xa8000000

.PHONY: hypervisor run-hv hypervisor-unit
hypervisor:
	@$(MAKE) --no-print-directory -C hypervisor OUT=$(BUILD)/hypervisor

$(LVISOR_ELF): hypervisor

# QEMU loads lvisor with -kernel; the guest images go in with the generic loader
# as raw bytes, and lvisor learns the initrd size from its own command line.
LVISOR_QEMU_ARGS = -M virt -cpu la464,lvz=on -smp $(SMP) -m 1G -nographic -no-reboot -nic none \
	-kernel $(LVISOR_ELF) \
	-device loader,file=$(KERNEL),addr=$(LVISOR_KERNEL_ADDR),force-raw=on \
	-device loader,file=$(INITRAMFS),addr=$(LVISOR_INITRD_ADDR),force-raw=on \
	-append "initrd_size=$$(stat -c %s $(INITRAMFS))"

run-hv: hypervisor $(KERNEL) $(INITRAMFS)
	$(LVZ_QEMU) $(LVISOR_QEMU_ARGS)
