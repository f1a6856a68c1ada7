# Included by tools/tools.mk: the root-zone command-line tool.
#   make cli     build/tools/lvisor, a static loongarch64 program (musl, cJSON),
#                and the initramfs overlay with /usr/bin/lvisor and /usr/bin/hvisor
#   make cjson   build/cjson: Debian's cJSON for the musl sysroot (toolchain/build-cjson.sh)
# tests/tools runs the tool under qemu-loongarch64 on the host.
CLI := $(BUILD)/tools/lvisor
CJSON_LIB := $(BUILD)/cjson/libcjson.a
CLI_SRCS := $(sort $(wildcard tools/cli/*.c))
CLI_DEPS := $(CLI_SRCS) $(wildcard tools/cli/*.h) tools/cli/cli.mk \
	include/lvisor/hypercall.h include/lvisor/zone_config.h include/lvisor/ioctl.h
# POSIX 2008 for strdup and sigprocmask; every warning an error.
CLI_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror -Wshadow -Wvla \
	-Wmissing-prototypes -I$(CURDIR)/include -I$(BUILD)/cjson/include
CLI_OVERLAY := $(BUILD)/overlays/cli

.PHONY: cli cjson
cli: $(CLI_OVERLAY)/usr/bin/lvisor
cjson: $(CJSON_LIB)

# The script returns at once when the cached build is there; the library then keeps its time.
$(CJSON_LIB): FORCE | $(SETUP)
	@bash toolchain/build-cjson.sh

$(CLI): $(CLI_DEPS) $(CJSON_LIB)
	@echo "==> building $(notdir $@)"
	@mkdir -p $(dir $@)
	@$(LA_CC) $(CLI_CFLAGS) -o $@ $(CLI_SRCS) $(CJSON_LIB)

# hvisor-tool's name as a link: the tool reads argv[0].
$(CLI_OVERLAY)/usr/bin/lvisor: $(CLI)
	@mkdir -p $(dir $@)
	@cp $< $@
	@ln -sfn lvisor $(dir $@)hvisor

$(INITRAMFS): $(CLI_OVERLAY)/usr/bin/lvisor
INITRAMFS_OVERLAYS += $(CLI_OVERLAY)
TEST_DEPS += cli
PYTEST_DIRS += tests/tools
