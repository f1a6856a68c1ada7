# Included by the top-level Makefile: the KVM cross-check (Linux's own KVM on
# the LVZ emulator). Packs kvm.ko of the zone kernel, kvm-vmm and the test
# guest into their initramfs; pytest then boots the zone kernel with it (tests/kvm).
PYTEST_DIRS += tests/kvm
TEST_DEPS += kvm-tests

.PHONY: kvm-tests
kvm-tests: toolchain $(BUSYBOX) $(KERNEL) | $(SETUP)
	@$(MAKE) --no-print-directory -C tests/kvm BUILD=$(BUILD) LA_CC=$(LA_CC) BUSYBOX=$(BUSYBOX) \
		KERNEL_BUILD=$(KERNEL_BUILD)
