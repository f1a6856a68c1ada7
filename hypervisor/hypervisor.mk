# Included by the top-level Makefile: builds lvisor and boots it on the LVZ QEMU.
#   make hypervisor         build/hypervisor/lvisor.elf (PLATFORM=qemu-virt)
#   make hypervisor PLATFORM=ls3a5000   build/hypervisor-ls3a5000/lvisor.elf
#   make run-hv [SMP=4] [MEM=1G]  lvisor + root-zone Linux (vmlinux + initramfs), console here
#   make lvisor-efi [PLATFORM=..]  build/hypervisor-efi[-<board>]/: lvisor.efi and its lvisor.elf
#   make run-hv BOOT=uefi    the same, started by QEMU's EDK2 from an ESP with lvisor.efi
# SMP may be 1-4 (CPUs QEMU does not have are left out of the root zone); MEM is
# the board's RAM, 1G or more, all of it the root zone's but lvisor's 16 MiB.
LVISOR_ELF := $(BUILD)/hypervisor/lvisor.elf
LVZ_QEMU := $(BIN_DIR)/qemu-system-loongarch64
SMP ?= 4
MEM ?= 2G
ROOT_CPUS ?=
ZONE_CONSOLES := $(BUILD)/consoles

PLATFORM ?= qemu-virt
HV_OUT = $(BUILD)/hypervisor$(if $(filter-out qemu-virt,$(1)),-$(1))

.PHONY: hypervisor run-hv hypervisor-unit hypervisor-boards
hypervisor: | $(SETUP)
	@$(MAKE) --no-print-directory -C hypervisor PLATFORM=$(PLATFORM) BOOT=kernel OUT=$(call HV_OUT,$(PLATFORM))

# Every board lvisor has builds in `make test`, booted here or not.
HV_BOARDS := $(notdir $(patsubst %/platform.mk,%,$(wildcard hypervisor/platform/*/platform.mk)))
hypervisor-boards: | $(SETUP)
	@$(foreach p,$(HV_BOARDS),$(MAKE) --no-print-directory -C hypervisor PLATFORM=$(p) BOOT=kernel OUT=$(call HV_OUT,$(p)) &&) true

$(LVISOR_ELF): hypervisor

# UEFI boot: lvisor.efi (hypervisor/boot/efi/) and the lvisor it loads, at the board's
# EFI_LOAD_ADDR; every board's builds in `make test`.
BOOT ?= kernel
HV_EFI_OUT = $(BUILD)/hypervisor-efi$(if $(filter-out qemu-virt,$(1)),-$(1))
.PHONY: lvisor-efi lvisor-efi-boards
lvisor-efi: | $(SETUP)
	@$(MAKE) --no-print-directory -C hypervisor PLATFORM=$(PLATFORM) BOOT=uefi OUT=$(call HV_EFI_OUT,$(PLATFORM)) all efi
lvisor-efi-boards: | $(SETUP)
	@$(foreach p,$(HV_BOARDS),$(MAKE) --no-print-directory -C hypervisor PLATFORM=$(p) BOOT=uefi OUT=$(call HV_EFI_OUT,$(p)) all efi &&) true

# lvisor is loaded with -kernel, the guest images with QEMU's generic loader
# (hypervisor/run.sh has the details).
run-hv: emulator $(KERNEL) $(INITRAMFS)
	@$(MAKE) --no-print-directory -C hypervisor PLATFORM=qemu-virt BOOT=kernel OUT=$(BUILD)/hypervisor
	@$(if $(filter uefi,$(BOOT)),$(MAKE) --no-print-directory -C hypervisor PLATFORM=qemu-virt BOOT=uefi OUT=$(BUILD)/hypervisor-efi all efi)
	@echo "==> zone consoles: in another terminal, $(PYTHON) scripts/zone-console.py $(ZONE_CONSOLES)/zone1.sock (zone2.sock, zone3.sock: UARTs 2, 3)"
	@LVZ_QEMU=$(LVZ_QEMU) hypervisor/run.sh --smp $(SMP) --mem $(MEM) --kernel $(KERNEL) --initrd $(INITRAMFS) \
		--consoles $(ZONE_CONSOLES) $(if $(ROOT_CPUS),--root-cpus $(ROOT_CPUS)) --boot $(BOOT)

# The bare-metal guest the system tests boot as a root zone, and its
# variants (tests/hypervisor/guest/variants.mk).
HV_TEST_GUEST := $(BUILD)/tests/hypervisor/test-guest.elf
hv-test-guest: | $(SETUP)
	@$(MAKE) --no-print-directory -C tests/hypervisor/guest OUT=$(BUILD)/tests/hypervisor
	@$(MAKE) --no-print-directory -C tests/hypervisor/guest -f variants.mk OUT=$(BUILD)/tests/hypervisor
.PHONY: hv-test-guest

# `make test` builds lvisor and its test guest and boots them on the LVZ QEMU.
TEST_DEPS += hypervisor hypervisor-boards lvisor-efi-boards hv-test-guest
PYTEST_DIRS += tests/hypervisor

# Root-zone modules for the system tests, each built out of the source tree
# against the zone kernel and put into the zone initramfs under
# /lib/lvisor-tests: peek.ko reads physical memory (isolation), ipicount.ko
# counts IPIs between the zone's CPUs.
# $(call hv_test_module,NAME): tests/hypervisor/NAME/{NAME.c,Kbuild} -> NAME.ko
define hv_test_module
$(BUILD)/overlays/$(1)/lib/lvisor-tests/$(1).ko: tests/hypervisor/$(1)/$(1).c tests/hypervisor/$(1)/Kbuild \
		include/lvisor/hypercall.h $(KERNEL)
	@echo "==> building $(1).ko"
	@rm -rf $(BUILD)/$(1)-module && mkdir -p $(BUILD)/$(1)-module $$(dir $$@)
	@cp tests/hypervisor/$(1)/$(1).c tests/hypervisor/$(1)/Kbuild $(BUILD)/$(1)-module/
	@$(KMAKE) -s M=$(BUILD)/$(1)-module LVISOR_INCLUDE=$(CURDIR)/include modules
	@cp $(BUILD)/$(1)-module/$(1).ko $$@
$(INITRAMFS): $(BUILD)/overlays/$(1)/lib/lvisor-tests/$(1).ko
INITRAMFS_OVERLAYS += $(BUILD)/overlays/$(1)
endef
$(eval $(call hv_test_module,peek))
$(eval $(call hv_test_module,ipicount))
$(eval $(call hv_test_module,hcfuzz))

# zonefuzz (tests/hypervisor/zonefuzz): broken zone configs straight through /dev/hvisor.
ZONEFUZZ := $(BUILD)/overlays/zonefuzz/lib/lvisor-tests/zonefuzz
$(ZONEFUZZ): tests/hypervisor/zonefuzz/zonefuzz.c $(wildcard include/lvisor/*.h) | toolchain
	@echo "==> building zonefuzz"
	@mkdir -p $(dir $@)
	@$(LA_CC) -O2 -Wall -Wextra -Werror -Iinclude -o $@ $<
$(INITRAMFS): $(ZONEFUZZ)
INITRAMFS_OVERLAYS += $(BUILD)/overlays/zonefuzz

# virtio-probe (tests/hypervisor/virtio-probe): the root's end of the virtio bridge, minimal.
VIRTIO_PROBE := $(BUILD)/overlays/zonefuzz/lib/lvisor-tests/virtio-probe
$(VIRTIO_PROBE): tests/hypervisor/virtio-probe/virtio-probe.c $(wildcard include/lvisor/*.h) | toolchain
	@echo "==> building virtio-probe"
	@mkdir -p $(dir $@)
	@$(LA_CC) -O2 -Wall -Wextra -Werror -Iinclude -o $@ $<
$(INITRAMFS): $(VIRTIO_PROBE)

# ptytype (tests/hypervisor/ptytype): types lines into a zone's shell behind the daemon's pty.
PTYTYPE := $(BUILD)/overlays/zonefuzz/lib/lvisor-tests/ptytype
$(PTYTYPE): tests/hypervisor/ptytype/ptytype.c | toolchain
	@echo "==> building ptytype"
	@mkdir -p $(dir $@)
	@$(LA_CC) -O2 -Wall -Wextra -Werror -o $@ $<
$(INITRAMFS): $(PTYTYPE)
