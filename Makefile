# lvisor: top-level build.
#   make run    boot lvisor on the LVZ QEMU and drop into the root zone's shell
#               (Ctrl-A X leaves). SMP=1..4 picks the CPUs, MEM=1G (or more) the RAM.
#   make run-native  the same Linux and initramfs without lvisor, on Debian's QEMU.
#   make test   set up the host, build what the tests need, run every test.
# Both do their own set-up (Debian packages, sources, cached builds) as root.
#
# Hooks for the other parts. Each file below is optional and owned by its part;
# it may add targets and append to these variables (use +=):
#   TEST_DEPS           what `make test` builds before running tests
#   PYTEST_DIRS         directories pytest runs
#   INITRAMFS_OVERLAYS  directories copied over the zone initramfs (programs, modules)
# and may use:
#   BIN_DIR       build/bin: executables (e.g. emulator/build.sh links qemu-system-loongarch64 here)
#   LA_CC         static loongarch64 Linux C compiler (musl + compiler-rt, clang-19)
#   KERNEL        zone kernel, ELF vmlinux;  KERNEL_BUILD: its O= tree for external modules
#   KMAKE         make invocation for the kernel tree, e.g. $(KMAKE) M=$(CURDIR)/tools/driver modules
#   INITRAMFS     zone initramfs (gzip cpio)
#   QEMU_NATIVE   Debian's qemu-system-loongarch64, which boots Linux without a hypervisor
#   SETUP         order-only prerequisite: host packages are in place
# Defaults are set before the includes, so parts append to them.

SHELL := /bin/bash
BUILD := $(CURDIR)/build
BIN_DIR := $(BUILD)/bin
LA_CC := $(BIN_DIR)/loongarch64-linux-musl-cc
KERNEL_BUILD := $(BUILD)/linux
KERNEL := $(KERNEL_BUILD)/vmlinux
KMAKE := $(MAKE) -C $(KERNEL_BUILD) ARCH=loongarch LLVM=-19
BUSYBOX := $(BUILD)/busybox/busybox
E2FSPROGS := $(BUILD)/e2fsprogs
# The ext4 tools in /sbin of every zone's initramfs, the root's and the others'.
E2FSPROGS_OVERLAY := $(BUILD)/overlays/e2fsprogs
INITRAMFS := $(BUILD)/initramfs.cpio.gz
QEMU_NATIVE := /usr/bin/qemu-system-loongarch64
PYTHON := /usr/bin/python3
SETUP := $(BUILD)/.setup-done

TEST_DEPS := toolchain $(INITRAMFS) $(KERNEL)
PYTEST_DIRS := tests/system
INITRAMFS_OVERLAYS := $(E2FSPROGS_OVERLAY)

-include emulator/emulator.mk tests/lvz/lvz.mk tests/kvm/kvm.mk hypervisor/hypervisor.mk tools/tools.mk \
	guests/zones/zones.mk

.PHONY: all run run-native test test-deps unit setup toolchain kernel busybox e2fsprogs initramfs \
	clean FORCE
.DEFAULT_GOAL := all

all: toolchain $(KERNEL) $(INITRAMFS)

# The set-up script is idempotent and takes about a second when all is in place,
# so it runs on every make; the stamp only orders it before the builds.
setup $(SETUP): FORCE
	@bash scripts/setup-host.sh
	@mkdir -p $(BUILD) && touch $(SETUP)

toolchain: | $(SETUP)
	@bash toolchain/build.sh

# The scripts below keep their results in the cache and return at once when the
# inputs are unchanged; the link in build/ then keeps its old time, so
# dependents are not redone.
kernel: $(KERNEL)
$(KERNEL): FORCE | $(SETUP)
	@bash guests/linux/build.sh

busybox: $(BUSYBOX)
$(BUSYBOX): FORCE | $(SETUP)
	@bash guests/busybox/build.sh

# mke2fs and e2fsck with Debian's links (mkfs.ext4, fsck.ext4, ...), in /sbin.
# busybox's mke2fs (ext2 only) does not replace them: guests/initramfs/build.sh
# links an applet only where no file is.
e2fsprogs: $(E2FSPROGS_OVERLAY)/sbin/e2fsck
$(E2FSPROGS)/e2fsck: FORCE | $(SETUP)
	@bash guests/e2fsprogs/build.sh
$(E2FSPROGS_OVERLAY)/sbin/e2fsck: $(E2FSPROGS)/e2fsck
	@mkdir -p $(dir $@)
	@cp $(E2FSPROGS)/mke2fs $(E2FSPROGS)/e2fsck $(dir $@)
	@for fs in ext2 ext3 ext4; do ln -sfn mke2fs $(dir $@)mkfs.$$fs; ln -sfn e2fsck $(dir $@)fsck.$$fs; done

initramfs: $(INITRAMFS)
$(INITRAMFS): $(BUSYBOX) guests/initramfs/build.sh $(shell find guests/initramfs/rootfs) \
		$(foreach d,$(INITRAMFS_OVERLAYS),$(shell find $(d) 2>/dev/null)) \
		$(E2FSPROGS_OVERLAY)/sbin/e2fsck | $(SETUP)
	@echo "==> packing $(notdir $@)"
	@bash guests/initramfs/build.sh $@ $(BUSYBOX) $(INITRAMFS_OVERLAYS)

run: run-hv

run-native: $(KERNEL) $(INITRAMFS)
	@bash scripts/run-native.sh

unit: | $(SETUP)
	@$(MAKE) --no-print-directory -C tests/unit check

# The prerequisites build two at a time, the kernel and the emulator first: each
# long build is parallel inside, but their serial phases (unpacking, configure,
# linking) then overlap. The cached builds lock their own cache entries.
# pytest exits 5 when it collects nothing: that is a failure here too.
test: | $(SETUP)
	@$(MAKE) --no-print-directory -j2 test-deps
	$(PYTHON) -m pytest -v $(PYTEST_DIRS)

test-deps: $(KERNEL) $(filter emulator,$(TEST_DEPS)) $(TEST_DEPS) unit

# Only the clone's build/; the cache under /var/cache/lvisor is shared.
clean:
	rm -rf $(BUILD)

FORCE:
