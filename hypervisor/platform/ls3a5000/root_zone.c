/*
 * The root zone on the 3A5000: every CPU, its RAM and the board's devices,
 * identity mapped (GPA == HPA, as hvisor-tool assumes); the RAM set aside for
 * non-root zones is mapped too, for loading their images, and reserved
 * (no-map) in the root's device tree.
 */
#include "board.h"
#include "platform/root_zone.h"

#define RAM(b, n) {.hpa = (b), .gpa = (b), .size = (n), .type = MEM_RAM}
#define IO(b, n)  {.hpa = (b), .gpa = (b), .size = (n), .type = MEM_IO}

static const struct mem_region root_mem[] = {
    RAM(0x00000000, 0x0f000000), RAM(0x90000000, 0x10000000), RAM(0xf0000000, 0x10000000),
    RAM(0x160000000, 0x10000000),
    /* for non-root zones */
    RAM(0xa0000000, 0x50000000), RAM(0x100000000, 0x48000000), IO(0x10000000, 0x1000), /* PCH-PIC */
    IO(0x10010000, 0x10000),      /* LS7A misc (ACPI, GPIO) */
    IO(0x10080000, 0x1000),       /* UART1 */
    IO(0x100d0000, 0x1000),       /* RTC */
    IO(0x18408000, 0x8000),       /* PCI I/O */
    IO(0x1fe00000, 0x1000),       /* chip config, UART0 */
    IO(0x60000000, 0x20000000),   /* PCI MMIO */
    IO(0xfe00000000, 0x20000000), /* PCIe ECAM */
};

struct zone_config ls3a5000_root_zone =
    ROOT_ZONE_LINUX("root-linux-la64", root_mem, BOARD_KERNEL_STAGING, BOARD_KERNEL_STAGING_MAX,
                    BOARD_INITRD_STAGING, BOARD_INITRD_STAGING_MAX);
