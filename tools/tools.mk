# Root-zone tools: the /dev/hvisor driver, the lvisor CLI and the virtio daemon. Each part keeps
# its own rules next to its sources.
-include tools/driver/driver.mk tools/cli/cli.mk tools/virtio/virtio.mk
