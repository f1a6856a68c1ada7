/* MMIO region table: a handful of regions per zone, linear search (portable). */
#include "core/mmio.h"
#include "lib/bits.h"

void mmio_table_init(struct mmio_table *t) { t->nr = 0; }

bool mmio_register(struct mmio_table *t, u64 gpa, u64 size, mmio_handler_t h, void *arg)
{
    if (t->nr >= MMIO_MAX_REGIONS || !size || gpa + size < gpa || !h)
        return false;
    for (u32 i = 0; i < t->nr; i++)
        if (gpa < t->r[i].gpa + t->r[i].size && t->r[i].gpa < gpa + size)
            return false;
    t->r[t->nr++] = (struct mmio_region){gpa, size, h, arg};
    return true;
}

enum mmio_result mmio_dispatch(struct mmio_table *t, struct vcpu *v, struct mmio_access *a)
{
    for (u32 i = 0; i < t->nr; i++) {
        struct mmio_region *r = &t->r[i];
        if (a->gpa >= r->gpa && a->gpa - r->gpa < r->size) {
            if (a->gpa - r->gpa + a->size > r->size)
                return MMIO_ERROR;
            a->offset = a->gpa - r->gpa;
            return r->handler(v, r->arg, a);
        }
    }
    return MMIO_UNHANDLED;
}

u64 mmio_read_result(const struct mmio_access *a)
{
    return a->sign_extend ? sign_extend(a->value, 8u * a->size)
                          : zero_extend(a->value, 8u * a->size);
}
