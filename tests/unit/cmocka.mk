# Rules for a part's host unit tests with cmocka. In tests/unit/<part>/Makefile:
#   UNIT_TESTS := test_foo test_bar        # built from test_foo.c, test_bar.c
#   include ../cmocka.mk
#   $(UNIT_OUT)/test_foo: ../../../hypervisor/core/foo.c   # code under test
# then `make check` builds and runs each test program, with sanitizers so a
# memory error fails the test, and names the programs that failed.
UNIT_OUT ?= $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../../build/unit)/$(notdir $(CURDIR))
CFLAGS ?= -std=c11 -g -O1 -Wall -Wextra -Werror -fsanitize=address,undefined -fno-omit-frame-pointer
LDLIBS += -lcmocka

$(UNIT_OUT)/%: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $(filter %.c,$^) $(LDFLAGS) $(LDLIBS)

.PHONY: check
check: $(addprefix $(UNIT_OUT)/,$(UNIT_TESTS))
	@failed=; for t in $^; do $$t || failed="$$failed $${t##*/}"; done; \
	    if [ -n "$$failed" ]; then echo "failed:$$failed"; exit 1; fi
