/*
 * What the firmware keeps, against the root zone's RAM (root_ram.h). A kept
 * range at the top of the high RAM is cut off. One anywhere else in the
 * root's RAM stays in it and becomes a reserved, no-map range of its tree:
 * the root's Linux sees the firmware's memory as the firmware described it
 * and leaves it alone. One inside the RAM set aside for zones also takes
 * that RAM away from them (it goes back to the root): no non-root zone ever
 * gets the firmware's memory.
 */
#include "root_ram.h"
#include "lib/printf.h"

static bool reserve(struct root_ram *r, u64 b, u64 e)
{
    if (r->nr_reserved == ROOT_RAM_RESERVED_MAX) {
        pr_err("firmware keeps more than %u ranges inside the root zone's RAM: not supported\n",
               ROOT_RAM_RESERVED_MAX);
        return false;
    }
    pr_info("firmware keeps %lx-%lx inside the root zone's RAM: reserved in its tree\n", b, e);
    r->reserved[r->nr_reserved].base = b;
    r->reserved[r->nr_reserved++].size = e - b;
    return true;
}

bool root_ram_fit(const struct fdt_range *kept, u32 nr_kept, struct root_ram *r)
{
    r->nr_reserved = 0;
    /* from the top down, so that a run of kept ranges at the top is cut off whole */
    for (u32 i = nr_kept; i-- > 0;) {
        u64 b = kept[i].base, e = b + kept[i].size;
        u64 high_end = r->high_base + r->high_size;
        if (e <= b)
            continue;
        if (b < r->low_end) {
            if (!reserve(r, b, e < r->low_end ? e : r->low_end))
                return false;
        } else if (b >= r->high_base && b < high_end && e >= high_end) {
            pr_info("firmware keeps %lx-%lx: the root zone's RAM ends below it\n", b, e);
            r->high_size = b - r->high_base;
        } else if (b < high_end && e > r->high_base) {
            if (r->zone_size && b < r->zone_base + r->zone_size && e > r->zone_base) {
                pr_warn("firmware keeps %lx-%lx in the RAM for zones: zones get none\n", b, e);
                r->zone_size = 0;
            }
            if (!reserve(r, b > r->high_base ? b : r->high_base, e))
                return false;
        }
    }
    /* a cut that reached into the zones' RAM leaves them none either */
    if (r->zone_size && r->high_base + r->high_size < r->zone_base + r->zone_size)
        r->zone_size = 0;
    return true;
}
