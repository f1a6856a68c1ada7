# Included by the top-level Makefile: registers the LVZ conformance suite.
# `make lvz-tests` builds the bare-metal programs; pytest runs them under
# build/bin/qemu-system-loongarch64 (emulator.mk adds `emulator` to TEST_DEPS).
PYTEST_DIRS += tests/lvz
TEST_DEPS += lvz-tests

.PHONY: lvz-tests
lvz-tests: | $(SETUP)
	@$(MAKE) --no-print-directory -C tests/lvz OUT=$(BUILD)/tests/lvz
