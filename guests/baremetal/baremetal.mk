# The bare-metal library (guests/baremetal/README.md), for a program's
# Makefile: set OUT (the program's build directory) and, if they differ from
# the defaults, BM_OBJ (where objects go: OUT) and BM_BASE (the load address:
# 2 MiB), then include this file. It gives
#   BM_CFLAGS  compiler flags for the program's own C and assembly files
#   BM_LIB     the library archive; the linker takes only what is used
#   BM_VIRT    the QEMU virt board (console on UART0, poweroff)
#   BM_LINK    the link command: $(BM_LINK) -o $@ OBJECTS...
#   BM_HDRS    the headers every object depends on
# and rules that build $(BM_OBJ)/NAME.o from the program's NAME.c or NAME.S.
BM_DIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
BM_ROOT := $(abspath $(BM_DIR)/../..)
BM_OBJ ?= $(OUT)
BM_OUT := $(BM_OBJ)/baremetal
BM_BASE ?= 0x200000

CC := clang-19
LD := ld.lld-19
AR := llvm-ar-19
# Soft float: nothing here may touch the FP registers, which a guest shares
# with whoever runs it. LVZ instructions are allowed: the conformance
# programs run them.
BM_CFLAGS := --target=loongarch64-unknown-none-gnusf -march=la464 -mabi=lp64s -msoft-float \
	-Xclang -target-feature -Xclang +lvz -ffreestanding -nostdlib -fno-pic -fno-builtin -O2 \
	-Wall -Wextra -Werror -I$(BM_DIR)/include -I$(BM_ROOT)/include
BM_HDRS := $(wildcard $(BM_DIR)/include/baremetal/*.h) $(BM_ROOT)/include/loongarch/regs.h
BM_LIB := $(BM_OUT)/libbaremetal.a
BM_VIRT := $(BM_OUT)/virt.o
BM_LINK = $(LD) -T $(BM_DIR)/link.ld --defsym=BM_BASE=$(BM_BASE) -nostdlib -static

BM_LIB_OBJS := $(addprefix $(BM_OUT)/,start.o trap.o enter.o setjmp.o print.o sort.o)

$(BM_LIB): $(BM_LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BM_OUT)/%.o: $(BM_DIR)/%.c $(BM_HDRS) | $(BM_OUT)
	$(CC) $(BM_CFLAGS) -c $< -o $@
$(BM_OUT)/%.o: $(BM_DIR)/%.S $(BM_HDRS) | $(BM_OUT)
	$(CC) $(BM_CFLAGS) -c $< -o $@

$(BM_OBJ)/%.o: %.c $(BM_HDRS) | $(BM_OUT)
	$(CC) $(BM_CFLAGS) -c $< -o $@
$(BM_OBJ)/%.o: %.S $(BM_HDRS) | $(BM_OUT)
	$(CC) $(BM_CFLAGS) -c $< -o $@

$(BM_OUT):
	mkdir -p $@
