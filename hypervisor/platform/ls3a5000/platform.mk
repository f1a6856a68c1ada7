# Loongson 3A5000 with the LS7A bridge (hvisor-interfaces.md §6.5). Built, not
# booted here: a board needs the UEFI loader that puts lvisor and the root
# zone's images in memory (the UEFI boot path), not QEMU's -kernel.
ARCH := loongarch64
MAX_CPUS := 4
# lvisor's 128 MiB at the top of the first 8 GiB: image, stacks, frame pool
LOAD_ADDR := 0x1f0000000
# lvisor.efi loads it at the same address (not yet checked against a board's firmware map)
EFI_LOAD_ADDR := $(LOAD_ADDR)
# the board's firmware may give ACPI tables only: lvisor has the board's map (board.h)
EFI_FDT := optional
DRIVERS := console ns16550 eiointc
