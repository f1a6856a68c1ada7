/* Zone config validation (portable; unit-tested on the host). */
#include "core/config.h"

static bool ranges_overlap(u64 a, u64 alen, u64 b, u64 blen)
{
    return a < b + blen && b < a + alen;
}

enum config_error zone_config_check(const struct zone_config *c, const struct hv_memory *hv,
                                    u32 nr_cpus)
{
    if (!c->nr_mem || !c->mem)
        return CONFIG_EMPTY;
    if (!c->cpus)
        return CONFIG_NO_CPUS;
    if (nr_cpus < 64 && (c->cpus >> nr_cpus))
        return CONFIG_BAD_CPU;
    for (u32 i = 0; i < c->nr_mem; i++) {
        const struct mem_region *r = &c->mem[i];
        if (!r->size || !IS_ALIGNED(r->hpa | r->gpa | r->size, KiB(4)))
            return CONFIG_UNALIGNED;
        if (r->gpa + r->size < r->gpa || r->hpa + r->size < r->hpa)
            return CONFIG_OVERLAP;
        if (ranges_overlap(r->hpa, r->size, hv->base, hv->size))
            return CONFIG_HITS_HYPERVISOR;
        for (u32 j = 0; j < i; j++) {
            const struct mem_region *o = &c->mem[j];
            if (ranges_overlap(r->gpa, r->size, o->gpa, o->size))
                return CONFIG_OVERLAP;
            if (r->type == MEM_RAM && o->type == MEM_RAM &&
                ranges_overlap(r->hpa, r->size, o->hpa, o->size))
                return CONFIG_OVERLAP;
        }
    }
    paddr_t hpa;
    if (!zone_config_ram_range(c, c->boot_data_gpa, KiB(4), &hpa) ||
        !zone_config_ram_range(c, c->fdt_gpa, KiB(4), &hpa))
        return CONFIG_BOOT_DATA_OUTSIDE_RAM;
    return CONFIG_OK;
}

bool zone_config_ram_range(const struct zone_config *c, paddr_t gpa, u64 size, paddr_t *hpa)
{
    if (gpa + size < gpa)
        return false;
    for (u32 i = 0; i < c->nr_mem; i++) {
        const struct mem_region *r = &c->mem[i];
        if (r->type != MEM_RAM)
            continue;
        if (gpa >= r->gpa && gpa + size <= r->gpa + r->size) {
            *hpa = r->hpa + (gpa - r->gpa);
            return true;
        }
    }
    return false;
}

const char *config_error_str(enum config_error e)
{
    switch (e) {
    case CONFIG_OK:
        return "ok";
    case CONFIG_EMPTY:
        return "no memory regions";
    case CONFIG_UNALIGNED:
        return "region not 4 KiB aligned or empty";
    case CONFIG_OVERLAP:
        return "regions overlap";
    case CONFIG_HITS_HYPERVISOR:
        return "region covers hypervisor memory";
    case CONFIG_NO_CPUS:
        return "no CPUs";
    case CONFIG_BAD_CPU:
        return "CPU not present";
    case CONFIG_BOOT_DATA_OUTSIDE_RAM:
        return "boot data outside zone RAM";
    }
    return "?";
}
