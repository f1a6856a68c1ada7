# Included by the top-level Makefile: the KVM cross-check (Linux's own KVM on
# the LVZ emulator). Builds the "kvm" kernel variant, kvm-vmm, the test guest
# and their initramfs; pytest then boots them (tests/kvm).
PYTEST_DIRS += tests/kvm
TEST_DEPS += kvm-tests

.PHONY: kvm-tests
kvm-tests: toolchain $(BUSYBOX) | $(SETUP)
	@$(MAKE) --no-print-directory -C tests/kvm BUILD=$(BUILD) LA_CC=$(LA_CC) BUSYBOX=$(BUSYBOX)
