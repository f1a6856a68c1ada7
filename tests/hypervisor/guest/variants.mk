# Bare-metal programs on the test guest's start-up (start.S) and the
# bare-metal library, besides test-guest.elf: test-guest-park.elf (a root
# zone that loses its exception entry) and board-probe.elf (run on the board
# without lvisor). make -f variants.mk OUT=DIR, from this directory
# (hypervisor/hypervisor.mk).
OUT ?= ../../../build/tests/hypervisor
all: $(OUT)/test-guest-park.elf $(OUT)/board-probe.elf
include ../../../guests/baremetal/baremetal.mk
BM_CFLAGS += -I../../guest-lib

$(OUT)/guest-start.o: start.S $(BM_HDRS) | $(BM_OUT)
	$(CC) $(BM_CFLAGS) -c $< -o $@
$(OUT)/park.o $(OUT)/probe.o: ../../guest-lib/zone_guest.h
$(OUT)/test-guest-park.elf: $(OUT)/guest-start.o $(OUT)/park.o $(BM_VIRT) $(BM_LIB)
	$(BM_LINK) -o $@ $^
$(OUT)/board-probe.elf: $(OUT)/guest-start.o $(OUT)/probe.o $(BM_VIRT) $(BM_LIB)
	$(BM_LINK) -o $@ $^

.PHONY: all
