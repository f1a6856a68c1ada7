/*
 * A device whose registers share a 4 KiB page with other devices (QEMU virt's
 * four UARTs, say) cannot be given to a zone by stage 2 alone: its page stays
 * unmapped, and each access the zone makes inside its own registers is
 * forwarded to the device, while the rest of the page faults as any other
 * address outside the zone.
 */
#ifndef CORE_DEVICE_TRAP_H
#define CORE_DEVICE_TRAP_H

#include "lib/types.h"
#include "core/config.h"
#include "core/mmio.h"

/* Registers r (type MEM_TRAPPED) in t; r must outlive the zone. */
bool device_trap_register(struct mmio_table *t, const struct mem_region *r);

#endif
