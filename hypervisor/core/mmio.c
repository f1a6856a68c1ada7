/* MMIO region table: a handful of regions per zone, linear search. */
#include "core/mmio.h"

bool mmio_register(struct mmio_table *t, u64 gpa, u64 size, mmio_handler_t h, void *arg)
{
    if (t->nr >= MMIO_MAX_REGIONS || !size || gpa + size < gpa)
        return false;
    for (u32 i = 0; i < t->nr; i++)
        if (gpa < t->r[i].gpa + t->r[i].size && t->r[i].gpa < gpa + size)
            return false;
    t->r[t->nr++] = (struct mmio_region){ gpa, size, h, arg };
    return true;
}

enum mmio_result mmio_dispatch(struct mmio_table *t, struct vcpu *v, u64 gpa, struct mmio_access *a)
{
    for (u32 i = 0; i < t->nr; i++) {
        struct mmio_region *r = &t->r[i];
        if (gpa >= r->gpa && gpa - r->gpa < r->size) {
            if (gpa - r->gpa + a->size > r->size)
                return MMIO_ERROR;
            a->offset = gpa - r->gpa;
            return r->handler(v, r->arg, a);
        }
    }
    return MMIO_UNHANDLED;
}
