/* Forwarding of a zone's accesses to a trapped device (see device_trap.h). */
#include "core/device_trap.h"
#include <arch/mm.h>

static enum mmio_result forward(struct vcpu *v, void *arg, struct mmio_access *a)
{
    (void)v;
    const struct mem_region *r = arg;
    /* the device sees exactly the access the zone made: one aligned load or store */
    if (a->offset & (a->size - 1u))
        return MMIO_ERROR;
    void *reg = phys_to_io(r->hpa + a->offset);
    switch (a->size) {
    case 1:
        if (a->is_write)
            *(volatile u8 *)reg = (u8)a->value;
        else
            a->value = *(volatile u8 *)reg;
        return MMIO_HANDLED;
    case 2:
        if (a->is_write)
            *(volatile u16 *)reg = (u16)a->value;
        else
            a->value = *(volatile u16 *)reg;
        return MMIO_HANDLED;
    case 4:
        if (a->is_write)
            *(volatile u32 *)reg = (u32)a->value;
        else
            a->value = *(volatile u32 *)reg;
        return MMIO_HANDLED;
    case 8:
        if (a->is_write)
            *(volatile u64 *)reg = a->value;
        else
            a->value = *(volatile u64 *)reg;
        return MMIO_HANDLED;
    }
    return MMIO_ERROR;
}

bool device_trap_register(struct mmio_table *t, const struct mem_region *r)
{
    return mmio_register(t, r->gpa, r->size, forward, (void *)r);
}
