/*
 * What QEMU's own device tree says about the board: its RAM (-m) and its
 * CPUs (-smp). QEMU places the tree at BOARD_FDT for a -kernel boot;
 * it is read before the root zone's kernel is loaded over it.
 */
#include "board.h"
#include "core/fdt.h"
#include <arch/mm.h>
#include "lib/printf.h"

static const void *board_fdt(void) { return phys_to_virt(BOARD_FDT); }

/* Size 0 until the board's RAM is known to reach it. */
struct phys_range board_zone_ram[1] = {{BOARD_ZONE_RAM_BASE, 0}};

/* 256 MiB at 0 and the rest at 0x80000000: the root zone gets all the high part. */
bool board_discover_ram(void)
{
    struct fdt_range r[8];
    int n = fdt_memory_ranges(board_fdt(), BOARD_FDT_MAX, r, 8);
    if (n < 0) {
        pr_err("no device tree from QEMU at %lx: cannot size RAM\n", BOARD_FDT);
        return false;
    }
    u64 low = 0, high = 0;
    for (int i = 0; i < n && i < 8; i++) {
        if (r[i].base == 0)
            low = r[i].size;
        if (r[i].base == BOARD_HIGH_RAM_BASE)
            high = r[i].size;
    }
    if (low < BOARD_HV_BASE + BOARD_HV_SIZE || high < BOARD_HIGH_RAM_MIN) {
        pr_err("board RAM %lu MiB at 0 + %lu MiB at %lx: lvisor needs -m 1G or more\n", low >> 20,
               high >> 20, BOARD_HIGH_RAM_BASE);
        return false;
    }
    root_zone_set_high_ram(high);
    bool zone_ram = BOARD_HIGH_RAM_BASE + high >= BOARD_ZONE_RAM_BASE + BOARD_ZONE_RAM_SIZE;
    if (zone_ram)
        board_zone_ram[0].size = BOARD_ZONE_RAM_SIZE;
    u64 zone_mib = zone_ram ? BOARD_ZONE_RAM_SIZE >> 20 : 0;
    pr_info("board RAM %lu MiB: root zone gets %lu MiB, non-root zones %lu MiB at %lx%s\n",
            (low + high) >> 20, ((BOARD_HV_BASE + high) >> 20) - zone_mib, zone_mib,
            BOARD_ZONE_RAM_BASE, zone_ram ? "" : " (none: -m 2G or more gives them RAM)");
    return true;
}

/* CPUs the board has; all of them if its tree does not say. */
u64 board_present_cpus(void)
{
    u64 all = BIT(CONFIG_MAX_CPUS) - 1;
    s64 mask = fdt_cpu_mask(board_fdt(), BOARD_FDT_MAX);
    if (mask <= 0)
        return all;
    return (u64)mask & all;
}
