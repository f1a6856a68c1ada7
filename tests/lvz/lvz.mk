# Included by the top-level Makefile: registers the LVZ conformance suite.
PYTEST_DIRS += tests/lvz
TEST_DEPS += lvz-tests

.PHONY: lvz-tests
lvz-tests:
	$(MAKE) -C tests/lvz OUT=$(CURDIR)/build/tests/lvz
