/* The root zone on QEMU virt: every CPU, all RAM but lvisor's, the board's devices. */
#include "core/config.h"
#include "core/fdt.h"
#include "arch/loongarch64/mm.h"
#include "platform/qemu-virt/platform.h"
#include "lib/printf.h"

extern const char root_zone_dtb[], root_zone_dtb_end[];

/* Identity mapped (GPA == HPA), as hvisor-tool assumes for the root zone.
 * The high RAM's size is the board's (plat_root_zone_fit_ram). */
static struct mem_region root_mem[] = {
    { .hpa = 0x00000000, .gpa = 0x00000000, .size = PLAT_HV_BASE, .type = MEM_RAM },
    { .hpa = PLAT_HIGH_RAM_BASE, .gpa = PLAT_HIGH_RAM_BASE, .size = PLAT_HIGH_RAM_MIN, .type = MEM_RAM },
    /* devices the root zone owns, passed through */
    { .hpa = 0x10000000, .gpa = 0x10000000, .size = 0x1000, .type = MEM_IO },   /* PCH-PIC */
    { .hpa = 0x100d0000, .gpa = 0x100d0000, .size = 0x1000, .type = MEM_IO },   /* RTC */
    { .hpa = 0x100e0000, .gpa = 0x100e0000, .size = 0x1000, .type = MEM_IO },   /* GED: poweroff/reboot */
    { .hpa = 0x18004000, .gpa = 0x18004000, .size = 0xc000, .type = MEM_IO },   /* PCI I/O */
    { .hpa = 0x1fe00000, .gpa = 0x1fe00000, .size = 0x1000, .type = MEM_IO },   /* UARTs 0-3 */
    { .hpa = 0x20000000, .gpa = 0x20000000, .size = 0x08000000, .type = MEM_IO }, /* PCIe ECAM */
    { .hpa = 0x2ff00000, .gpa = 0x2ff00000, .size = 0x1000, .type = MEM_IO },   /* PCH-MSI */
    { .hpa = 0x40000000, .gpa = 0x40000000, .size = 0x40000000, .type = MEM_IO }, /* PCI MMIO */
};

struct zone_config root_zone_config = {
    .id = 0,
    .name = "root-linux",
    .cpus = (1UL << PLAT_MAX_CPUS) - 1,
    .nr_mem = ARRAY_SIZE(root_mem),
    .mem = root_mem,
    .cmdline = "console=ttyS0,115200 earlycon rdinit=/init",
    .kernel_image = PLAT_KERNEL_STAGING,
    .kernel_image_max = PLAT_KERNEL_STAGING_MAX,
    .initrd_image = PLAT_INITRD_STAGING,
    .initrd_max = PLAT_INITRD_STAGING_MAX,
    .dtb = root_zone_dtb,
    .dtb_end = root_zone_dtb_end,
    .boot_data_gpa = 0x10000,
    .fdt_gpa = 0x100000,
    .hwi_passthrough = 0xff,
};

/*
 * QEMU's own device tree (at PLAT_BOARD_FDT until the root zone's kernel is
 * loaded) says how much RAM `-m` gave the board: 256 MiB at 0 and the rest at
 * 0x80000000. The root zone gets all of the high part.
 */
bool plat_root_zone_fit_ram(void)
{
    struct fdt_range r[8];
    int n = fdt_memory_ranges(phys_to_virt(PLAT_BOARD_FDT), PLAT_BOARD_FDT_MAX, r, 8);
    if (n < 0) {
        pr_err("no device tree from QEMU at %lx: cannot size RAM\n", PLAT_BOARD_FDT);
        return false;
    }
    u64 low = 0, high = 0;
    for (int i = 0; i < n && i < 8; i++) {
        if (r[i].base == 0)
            low = r[i].size;
        if (r[i].base == PLAT_HIGH_RAM_BASE)
            high = r[i].size;
    }
    if (low < PLAT_HV_BASE + PLAT_HV_SIZE || high < PLAT_HIGH_RAM_MIN) {
        pr_err("board RAM %lu MiB at 0 + %lu MiB at %lx: lvisor needs -m 1G or more\n", low >> 20,
               high >> 20, PLAT_HIGH_RAM_BASE);
        return false;
    }
    root_mem[1].size = high;
    pr_info("board RAM %lu MiB: root zone gets %lu MiB\n", (low + high) >> 20,
            (PLAT_HV_BASE + high) >> 20);
    return true;
}
