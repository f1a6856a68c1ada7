# Included by tools/tools.mk: the root zone's /dev/hvisor driver.
#   make driver   the module and its checker, both in the zone initramfs:
#                 /lib/modules/lvisor.ko (loaded at boot: /etc/init.d/S10-lvisor.sh)
#                 /lib/lvisor-tests/hvisor-check (tools/driver/tests/hvisor-check.c)
# The module is built out of the source tree against the zone kernel.
DRIVER_OVERLAY := $(BUILD)/overlays/driver
DRIVER_KO := $(DRIVER_OVERLAY)/lib/modules/lvisor.ko
DRIVER_CHECK := $(DRIVER_OVERLAY)/lib/lvisor-tests/hvisor-check
DRIVER_SRCS := $(wildcard tools/driver/*.c tools/driver/*.h) tools/driver/Kbuild

.PHONY: driver
driver: $(DRIVER_KO) $(DRIVER_CHECK)

# Kbuild writes its objects next to the sources: build a copy, keep the tree clean.
$(DRIVER_KO): $(DRIVER_SRCS) $(wildcard include/lvisor/*.h) $(KERNEL)
	@echo "==> building lvisor.ko"
	@rm -rf $(BUILD)/driver-module && mkdir -p $(BUILD)/driver-module $(dir $@)
	@cp $(DRIVER_SRCS) $(BUILD)/driver-module/
	@$(KMAKE) -s M=$(BUILD)/driver-module LVISOR_INCLUDE=$(CURDIR)/include W=1 modules
	@cp $(BUILD)/driver-module/lvisor.ko $@

$(DRIVER_CHECK): tools/driver/tests/hvisor-check.c $(wildcard include/lvisor/*.h) | toolchain
	@echo "==> building hvisor-check"
	@mkdir -p $(dir $@)
	@$(LA_CC) -O2 -Wall -Wextra -Werror -Iinclude -o $@ $<

DRIVER_INIT := $(DRIVER_OVERLAY)/etc/init.d/S10-lvisor.sh
$(DRIVER_INIT): tools/driver/S10-lvisor.sh
	@mkdir -p $(dir $@) && cp $< $@

$(INITRAMFS): $(DRIVER_KO) $(DRIVER_CHECK) $(DRIVER_INIT)
INITRAMFS_OVERLAYS += $(DRIVER_OVERLAY)
PYTEST_DIRS += tools/driver/tests
