# Root-zone tools: the /dev/hvisor driver and the lvisor CLI. Each part keeps
# its own rules next to its sources.
-include tools/driver/driver.mk tools/cli/cli.mk
