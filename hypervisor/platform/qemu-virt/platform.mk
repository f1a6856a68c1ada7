# QEMU's LoongArch `virt` board (-cpu la464,lvz=on), booted with -kernel or by
# lvisor.efi from QEMU's EDK2 firmware (make lvisor-efi).
ARCH := loongarch64
MAX_CPUS := 4
# lvisor's 16 MiB: image, per-CPU stacks, frame pool (board.h has the whole map)
LOAD_ADDR := 0x0f000000
# lvisor.efi's lvisor (BOOT=uefi): EDK2 keeps its own memory, runtime services
# included, at the top of the low 256 MiB (from about 0x0d900000); lvisor goes
# below it, and the low RAM above lvisor is nobody's (board.h)
EFI_LOAD_ADDR := 0x0a000000
# lvisor reads RAM and CPUs from the firmware's device tree (EDK2 has QEMU's)
EFI_FDT := required
DRIVERS := console ns16550 eiointc
