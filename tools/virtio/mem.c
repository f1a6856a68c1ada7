/* Guest-physical ranges of a zone to daemon pointers, with every sum checked for wrap-around. */
#include "mem.h"
#include <stddef.h>

void *zone_ptr(const struct zone_mem *m, uint64_t gpa, uint64_t len)
{
    for (unsigned i = 0; i < m->n && i < ZONE_MAX_REGIONS; i++) {
        const struct mem_region *r = &m->r[i];
        if (gpa < r->gpa)
            continue;
        uint64_t off = gpa - r->gpa;
        /* off < size and len <= size - off: no sum that can wrap */
        if (off >= r->size || len > r->size - off)
            continue;
        return r->host + off;
    }
    return NULL;
}
