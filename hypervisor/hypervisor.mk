# Included by the top-level Makefile: builds lvisor and boots it on the LVZ QEMU.
#   make hypervisor         build/hypervisor/lvisor.elf
#   make run-hv [SMP=4] [MEM=1G]  lvisor + root-zone Linux (vmlinux + initramfs), console here
# SMP may be 1-4 (CPUs QEMU does not have are left out of the root zone); MEM is
# the board's RAM, 1G or more, all of it the root zone's but lvisor's 16 MiB.
LVISOR_ELF := $(BUILD)/hypervisor/lvisor.elf
LVZ_QEMU := $(BIN_DIR)/qemu-system-loongarch64
SMP ?= 4
MEM ?= 1G

.PHONY: hypervisor run-hv hypervisor-unit
hypervisor: | $(SETUP)
	@$(MAKE) --no-print-directory -C hypervisor OUT=$(BUILD)/hypervisor

$(LVISOR_ELF): hypervisor

# lvisor is loaded with -kernel, the guest images with QEMU's generic loader
# (hypervisor/run.sh has the details).
run-hv: emulator hypervisor $(KERNEL) $(INITRAMFS)
	@LVZ_QEMU=$(LVZ_QEMU) hypervisor/run.sh --smp $(SMP) --mem $(MEM) --kernel $(KERNEL) --initrd $(INITRAMFS)

# The bare-metal guest the system tests boot as a root zone, and its
# variants (tests/hypervisor/guest/variants.mk).
HV_TEST_GUEST := $(BUILD)/tests/hypervisor/test-guest.elf
hv-test-guest: | $(SETUP)
	@$(MAKE) --no-print-directory -C tests/hypervisor/guest OUT=$(BUILD)/tests/hypervisor
	@$(MAKE) --no-print-directory -C tests/hypervisor/guest -f variants.mk OUT=$(BUILD)/tests/hypervisor
.PHONY: hv-test-guest

# `make test` builds lvisor and its test guest and boots them on the LVZ QEMU.
TEST_DEPS += hypervisor hv-test-guest
PYTEST_DIRS += tests/hypervisor

# peek.ko, a root-zone module that reads physical memory, for the isolation
# test. Built out of the source tree against the zone kernel and put into the
# zone initramfs under /lib/lvisor-tests.
PEEK_OVERLAY := $(BUILD)/overlays/peek
PEEK_KO := $(PEEK_OVERLAY)/lib/lvisor-tests/peek.ko
$(PEEK_KO): tests/hypervisor/peek/peek.c tests/hypervisor/peek/Kbuild $(KERNEL)
	@echo "==> building peek.ko"
	@rm -rf $(BUILD)/peek-module && mkdir -p $(BUILD)/peek-module $(dir $@)
	@cp tests/hypervisor/peek/peek.c tests/hypervisor/peek/Kbuild $(BUILD)/peek-module/
	@$(KMAKE) -s M=$(BUILD)/peek-module modules
	@cp $(BUILD)/peek-module/peek.ko $@
$(INITRAMFS): $(PEEK_KO)
INITRAMFS_OVERLAYS += $(PEEK_OVERLAY)
