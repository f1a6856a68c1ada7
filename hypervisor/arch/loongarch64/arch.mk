# LoongArch64 with LVZ: compiler flags for lvisor and the linker script.
# soft-float triple: lvisor must never touch the FPU/SIMD registers the guest owns
ARCH_FLAGS := --target=loongarch64-unknown-none-gnusf -march=la464 -Xclang -target-feature -Xclang +lvz \
              -mabi=lp64s -msoft-float -mcmodel=normal -fno-pic
ARCH_LDSCRIPT := arch/$(ARCH)/lvisor.ld
