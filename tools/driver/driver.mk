# Included by tools/tools.mk: the root zone's /dev/hvisor driver.
#   make driver   build/overlays/driver/lib/modules/lvisor.ko, built out of the
#                 source tree against the zone kernel; the zone initramfs
#                 carries it (insmod /lib/modules/lvisor.ko)
DRIVER_KO := $(BUILD)/overlays/driver/lib/modules/lvisor.ko
DRIVER_SRCS := $(wildcard tools/driver/*.c tools/driver/*.h) tools/driver/Kbuild

.PHONY: driver
driver: $(DRIVER_KO)

# Kbuild writes its objects next to the sources: build a copy, keep the tree clean.
$(DRIVER_KO): $(DRIVER_SRCS) $(wildcard include/lvisor/*.h) $(KERNEL)
	@echo "==> building lvisor.ko"
	@rm -rf $(BUILD)/driver-module && mkdir -p $(BUILD)/driver-module $(dir $@)
	@cp $(DRIVER_SRCS) $(BUILD)/driver-module/
	@$(KMAKE) -s M=$(BUILD)/driver-module LVISOR_INCLUDE=$(CURDIR)/include W=1 modules
	@cp $(BUILD)/driver-module/lvisor.ko $@

$(INITRAMFS): $(DRIVER_KO)
INITRAMFS_OVERLAYS += $(BUILD)/overlays/driver
