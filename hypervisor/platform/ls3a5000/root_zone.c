/*
 * The root zone on the 3A5000: every CPU, its RAM and the board's devices,
 * identity mapped (GPA == HPA, as hvisor-tool assumes); the RAM set aside for
 * non-root zones is mapped too, for loading their images, and reserved
 * (no-map) in the root's device tree.
 */
#include "board.h"

extern const char root_zone_dtb[], root_zone_dtb_end[];

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

struct zone_config ls3a5000_root_zone = {
    .id = 0,
    .name = "root-linux-la64",
    .cpus = BIT(CONFIG_MAX_CPUS) - 1,
    .nr_mem = ARRAY_SIZE(root_mem),
    .mem = root_mem,
    .cmdline = "console=ttyS0,115200 earlycon rdinit=/init",
    .kernel_image = BOARD_KERNEL_STAGING,
    .kernel_image_max = BOARD_KERNEL_STAGING_MAX,
    .initrd_image = BOARD_INITRD_STAGING,
    .initrd_max = BOARD_INITRD_STAGING_MAX,
    .dtb = root_zone_dtb,
    .dtb_end = root_zone_dtb_end,
    .boot_data_gpa = 0x10000,
    .fdt_gpa = 0x100000,
    .passthrough_irqs = 0xff, /* all HWI lines */
};
