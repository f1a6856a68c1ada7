/* The root zone on QEMU virt: every CPU, all RAM but lvisor's, the board's devices. */
#include "board.h"
#include "platform/root_zone.h"

/* Identity mapped (GPA == HPA), as hvisor-tool assumes for the root zone.
 * The high RAM's size is the board's (board.c). */
static struct mem_region root_mem[] = {
    {.hpa = 0x00000000, .gpa = 0x00000000, .size = BOARD_HV_BASE, .type = MEM_RAM},
    {.hpa = BOARD_HIGH_RAM_BASE,
     .gpa = BOARD_HIGH_RAM_BASE,
     .size = BOARD_HIGH_RAM_MIN,
     .type = MEM_RAM},
    /* devices the root zone owns, passed through */
    {.hpa = 0x10000000, .gpa = 0x10000000, .size = 0x1000, .type = MEM_IO}, /* PCH-PIC */
    {.hpa = 0x100d0000, .gpa = 0x100d0000, .size = 0x1000, .type = MEM_IO}, /* RTC */
    {.hpa = 0x100e0000,
     .gpa = 0x100e0000,
     .size = 0x1000,
     .type = MEM_IO}, /* GED: poweroff/reboot */
    {.hpa = 0x18004000, .gpa = 0x18004000, .size = 0xc000, .type = MEM_IO},     /* PCI I/O */
    {.hpa = 0x1fe00000, .gpa = 0x1fe00000, .size = 0x1000, .type = MEM_IO},     /* UARTs 0-3 */
    {.hpa = 0x20000000, .gpa = 0x20000000, .size = 0x08000000, .type = MEM_IO}, /* PCIe ECAM */
    {.hpa = 0x2ff00000, .gpa = 0x2ff00000, .size = 0x1000, .type = MEM_IO},     /* PCH-MSI */
    {.hpa = 0x40000000, .gpa = 0x40000000, .size = 0x40000000, .type = MEM_IO}, /* PCI MMIO */
};

struct zone_config qemu_virt_root_zone =
    ROOT_ZONE_LINUX("root-linux", root_mem, BOARD_KERNEL_STAGING, BOARD_KERNEL_STAGING_MAX,
                    BOARD_INITRD_STAGING, BOARD_INITRD_STAGING_MAX);

void root_zone_set_high_ram(u64 size) { root_mem[1].size = size; }
