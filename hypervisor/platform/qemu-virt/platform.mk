# QEMU's LoongArch `virt` board (-cpu la464,lvz=on), booted with -kernel.
ARCH := loongarch64
MAX_CPUS := 4
# lvisor's 16 MiB: image, per-CPU stacks, frame pool (board.h has the whole map)
LOAD_ADDR := 0x0f000000
DRIVERS := console ns16550 eiointc
