# Non-root zones for the QEMU board: what `lvisor zone start` needs in the
# root zone's initramfs. The configs go to /etc/lvisor, the images they name
# to /usr/share/lvisor:
#   zone-linux.bin         the zone kernel (the root's vmlinux, as a raw image at 2 MiB)
#   zone-initramfs.cpio.gz the zones' initramfs (busybox, guests/initramfs/rootfs and e2fsprogs only)
#   zone1-linux.dtb, zone2-linux.dtb  their device trees (build-dtb.sh)
#   zone-bm.bin            the bare-metal zone (baremetal/)
# The Linux configs get the kernel's entry point, which moves with every
# kernel build, in place of @KERNEL_ENTRY@.
ZONES_OVERLAY := $(BUILD)/overlays/zones
ZONE_SHARE := $(ZONES_OVERLAY)/usr/share/lvisor
ZONE_ETC := $(ZONES_OVERLAY)/etc/lvisor
ZONE_INITRAMFS := $(BUILD)/zones/zone-initramfs.cpio.gz
ZONE_BM_ELF := $(BUILD)/zones/zone-bm.elf
ZONE_CONFIGS := $(addprefix $(ZONE_ETC)/,$(notdir $(wildcard guests/zones/*.json)))
ZONE_FILES := $(ZONE_CONFIGS) $(addprefix $(ZONE_SHARE)/,zone-linux.bin zone-initramfs.cpio.gz \
	zone1-linux.dtb zone2-linux.dtb zone-bm.bin)

.PHONY: zones
zones: $(ZONE_FILES)

$(ZONE_INITRAMFS): $(BUSYBOX) guests/initramfs/build.sh $(shell find guests/initramfs/rootfs) \
		$(E2FSPROGS_OVERLAY)/sbin/e2fsck | $(SETUP)
	@echo "==> packing the zones' initramfs"
	@bash guests/initramfs/build.sh $@ $(BUSYBOX) $(E2FSPROGS_OVERLAY)

$(ZONE_SHARE)/zone-initramfs.cpio.gz: $(ZONE_INITRAMFS)
	@mkdir -p $(dir $@) && cp $< $@

$(ZONE_SHARE)/zone-linux.bin: $(KERNEL)
	@mkdir -p $(dir $@) && llvm-objcopy-19 -O binary $< $@

$(ZONE_SHARE)/zone1-linux.dtb: guests/zones/build-dtb.sh guests/zones/zone-linux.dts.in $(ZONE_INITRAMFS)
	@bash guests/zones/build-dtb.sh $@ zone1 1 0x10000000 1fe002e0 0x08000000 $(ZONE_INITRAMFS)
$(ZONE_SHARE)/zone2-linux.dtb: guests/zones/build-dtb.sh guests/zones/zone-linux.dts.in $(ZONE_INITRAMFS)
	@bash guests/zones/build-dtb.sh $@ zone2 2 0x0c000000 1fe003e0 0x08000000 $(ZONE_INITRAMFS)

# The program's own make decides what to rebuild; the image is replaced only when it changed,
# so that the initramfs is not repacked for nothing.
$(ZONE_SHARE)/zone-bm.bin: FORCE | $(SETUP)
	@$(MAKE) --no-print-directory -C guests/zones/baremetal OUT=$(BUILD)/zones
	@mkdir -p $(dir $@) && llvm-objcopy-19 -O binary $(ZONE_BM_ELF) $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(ZONE_ETC)/%.json: guests/zones/%.json $(KERNEL)
	@mkdir -p $(dir $@)
	@entry=$$(llvm-nm-19 $(KERNEL) | awk '$$3 == "kernel_entry" { print "0x" $$1 }'); \
	    [ -n "$$entry" ] || { echo "no kernel_entry in $(KERNEL)" >&2; exit 1; }; \
	    sed "s/@KERNEL_ENTRY@/$$entry/" $< >$@

INITRAMFS_OVERLAYS += $(ZONES_OVERLAY)
$(INITRAMFS): $(ZONE_FILES)
