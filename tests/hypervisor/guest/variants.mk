# Bare-metal programs on the test guest's start-up (start.S) and layout,
# besides test-guest.elf: test-guest-park.elf (a root zone that loses its
# exception entry) and board-probe.elf (run on the board without lvisor).
# make -f variants.mk OUT=DIR, from this directory (hypervisor/hypervisor.mk).
CC := clang-19
LD := ld.lld-19
OUT ?= ../../../build/tests/hypervisor
GUEST_LIB := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))../../guest-lib
INCLUDE := $(GUEST_LIB)/../../include
CFLAGS := --target=loongarch64-unknown-none-gnusf -march=la464 -mabi=lp64s -msoft-float \
          -O2 -ffreestanding -I$(GUEST_LIB) -I$(INCLUDE) -fno-builtin -nostdlib -fno-pic -Wall -Werror
DEPS := start.S $(GUEST_LIB)/zone_guest.ld $(GUEST_LIB)/zone_guest.h $(INCLUDE)/lvisor/hypercall.h \
        $(INCLUDE)/loongarch/regs.h

all: $(OUT)/test-guest-park.elf $(OUT)/board-probe.elf

$(OUT)/variant-start.o: $(DEPS)
	@mkdir -p $(OUT)
	$(CC) $(CFLAGS) -c start.S -o $@

$(OUT)/variant-%.o: %.c $(DEPS)
	@mkdir -p $(OUT)
	$(CC) $(CFLAGS) -c $< -o $@

$(OUT)/test-guest-park.elf: $(OUT)/variant-start.o $(OUT)/variant-park.o
	$(LD) -T $(GUEST_LIB)/zone_guest.ld -o $@ $^

$(OUT)/board-probe.elf: $(OUT)/variant-start.o $(OUT)/variant-probe.o
	$(LD) -T $(GUEST_LIB)/zone_guest.ld -o $@ $^

.PHONY: all
