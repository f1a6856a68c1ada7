/*
 * What QEMU's own device tree says about the board: its RAM (-m) and its
 * CPUs (-smp). QEMU places the tree at BOARD_FDT for a -kernel boot; after a
 * UEFI boot it is the firmware's (its configuration table), and the
 * firmware's memory map says what it keeps. Both are read before the root
 * zone's kernel is loaded over them.
 */
#include "board.h"
#include "root_ram.h"
#include "boot/efi/handoff.h"
#include "core/fdt.h"
#include <arch/mm.h>
#include "lib/printf.h"

paddr_t board_fdt_pa = BOARD_FDT;
u64 board_fdt_max = BOARD_FDT_MAX;

static const void *board_fdt(void) { return phys_to_virt(board_fdt_pa); }

/* What the firmware keeps (runtime services, reserved, ACPI NVS), adjacent ranges merged;
 * the map is sorted by address. */
static struct fdt_range kept[32];
static u32 nr_kept;

void board_set_efi_memmap(const void *map, u64 size, u64 desc_size)
{
    if (desc_size < sizeof(struct efi_memory_descriptor))
        return;
    for (u64 off = 0; off + desc_size <= size; off += desc_size) {
        const struct efi_memory_descriptor *d = (const void *)((const u8 *)map + off);
        u64 base = d->phys, end = d->phys + d->pages * KiB(4);
        /* lvisor's own memory, which the loader allocated as reserved */
        if (!efi_memory_kept(d->type) ||
            (base >= BOARD_HV_BASE && end <= BOARD_HV_BASE + BOARD_HV_SIZE))
            continue;
        pr_info("firmware keeps %lx-%lx (%s)\n", base, end, efi_memory_type_name(d->type));
        if (nr_kept && kept[nr_kept - 1].base + kept[nr_kept - 1].size == base) {
            kept[nr_kept - 1].size += end - base;
            continue;
        }
        if (nr_kept == ARRAY_SIZE(kept)) {
            pr_warn("firmware memory map: more than %lu kept ranges, the rest not checked\n",
                    ARRAY_SIZE(kept));
            return;
        }
        kept[nr_kept].base = base;
        kept[nr_kept++].size = end - base;
    }
}

/* Size 0 until the board's RAM is known to reach it. */
struct phys_range board_zone_ram[1] = {{BOARD_ZONE_RAM_BASE, 0}};
/* What the firmware keeps inside the root's RAM (size 0: unused), reserved in its tree. */
struct phys_range board_root_reserved[ROOT_RAM_RESERVED_MAX];

/* 256 MiB at 0 and the rest at 0x80000000: the root zone gets all the high part. */
bool board_discover_ram(void)
{
    struct fdt_range r[8];
    int n = fdt_memory_ranges(board_fdt(), board_fdt_max, r, 8);
    if (n < 0) {
        pr_err("no device tree at %lx: cannot size RAM\n", board_fdt_pa);
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
    /* The root's RAM is [0, BOARD_HV_BASE) and the high RAM; the low RAM above lvisor's
     * memory is nobody's (EDK2 keeps its own there). */
    struct root_ram rr = {.low_end = BOARD_HV_BASE,
                          .high_base = BOARD_HIGH_RAM_BASE,
                          .high_size = high,
                          .zone_base = BOARD_ZONE_RAM_BASE,
                          .zone_size = BOARD_ZONE_RAM_SIZE};
    if (!root_ram_fit(kept, nr_kept, &rr))
        return false;
    if (nr_kept)
        pr_info("firmware memory map: %u ranges the firmware keeps, %u inside the root zone's "
                "RAM\n",
                nr_kept, rr.nr_reserved);
    for (u32 i = 0; i < rr.nr_reserved; i++)
        board_root_reserved[i] = rr.reserved[i];
    high = rr.high_size;
    bool zone_ram = rr.zone_size != 0;
    if (high < BOARD_HIGH_RAM_MIN) {
        pr_err("board RAM at %lx: %lu MiB left besides the firmware's, lvisor needs %lu\n",
               BOARD_HIGH_RAM_BASE, high >> 20, BOARD_HIGH_RAM_MIN >> 20);
        return false;
    }
    root_zone_set_high_ram(high);
    zone_ram = zone_ram && BOARD_HIGH_RAM_BASE + high >= BOARD_ZONE_RAM_BASE + BOARD_ZONE_RAM_SIZE;
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
    s64 mask = fdt_cpu_mask(board_fdt(), board_fdt_max);
    if (mask <= 0)
        return all;
    return (u64)mask & all;
}
