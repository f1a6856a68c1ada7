# Included by tools/tools.mk: the root zone's virtio daemon.
#   make virtio   build/tools/lvisor-virtio, a static loongarch64 program (musl, cJSON),
#                 and the initramfs overlay with /usr/bin/lvisor-virtio
# `lvisor virtio start|stop` runs it. tests/tools/test_virtio_daemon.py builds its
# core (all but main.c) for the host and tests it there; test_virtio_binary.py runs
# this build under qemu-loongarch64.
VIRTIO_DAEMON := $(BUILD)/tools/lvisor-virtio
# json_value.c is the CLI's reader of typed JSON values, shared as it is.
VIRTIO_SRCS := $(sort $(wildcard tools/virtio/*.c)) tools/cli/json_value.c
VIRTIO_DEPS := $(VIRTIO_SRCS) $(wildcard tools/virtio/*.h) tools/cli/json_value.h \
	tools/virtio/virtio.mk include/lvisor/ioctl.h include/lvisor/zone_config.h \
	include/lvisor/virtio_bridge.h
# GNU for epoll, eventfd, signalfd and posix_openpt; every warning an error.
VIRTIO_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Wshadow -Wvla \
	-Wmissing-prototypes -I$(CURDIR)/include -I$(BUILD)/cjson/include
VIRTIO_OVERLAY := $(BUILD)/overlays/virtio

.PHONY: virtio
virtio: $(VIRTIO_OVERLAY)/usr/bin/lvisor-virtio

$(VIRTIO_DAEMON): $(VIRTIO_DEPS) $(BUILD)/cjson/libcjson.a
	@echo "==> building $(notdir $@)"
	@mkdir -p $(dir $@)
	@$(LA_CC) $(VIRTIO_CFLAGS) -o $@ $(VIRTIO_SRCS) $(BUILD)/cjson/libcjson.a

$(VIRTIO_OVERLAY)/usr/bin/lvisor-virtio: $(VIRTIO_DAEMON)
	@mkdir -p $(dir $@)
	@cp $< $@

$(INITRAMFS): $(VIRTIO_OVERLAY)/usr/bin/lvisor-virtio
INITRAMFS_OVERLAYS += $(VIRTIO_OVERLAY)
TEST_DEPS += virtio
