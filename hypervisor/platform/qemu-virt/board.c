/*
 * What QEMU's own device tree says about the board: its RAM (-m) and its
 * CPUs (-smp). QEMU places the tree at PLAT_BOARD_FDT for a -kernel boot;
 * it is read before the root zone's kernel is loaded over it.
 */
#include "core/fdt.h"
#include "arch/loongarch64/mm.h"
#include "platform/qemu-virt/platform.h"
#include "lib/printf.h"

static const void *board_fdt(void)
{
    return phys_to_virt(PLAT_BOARD_FDT);
}

/* 256 MiB at 0 and the rest at 0x80000000: the root zone gets all the high part. */
bool plat_root_zone_fit_ram(void)
{
    struct fdt_range r[8];
    int n = fdt_memory_ranges(board_fdt(), PLAT_BOARD_FDT_MAX, r, 8);
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
    root_zone_set_high_ram(high);
    pr_info("board RAM %lu MiB: root zone gets %lu MiB\n", (low + high) >> 20,
            (PLAT_HV_BASE + high) >> 20);
    return true;
}

/* CPUs the board has; all PLAT_MAX_CPUS if its tree does not say. */
u64 plat_board_cpus(void)
{
    u64 all = (1UL << PLAT_MAX_CPUS) - 1;
    s64 mask = fdt_cpu_mask(board_fdt(), PLAT_BOARD_FDT_MAX);
    if (mask <= 0)
        return all;
    return (u64)mask & all;
}
