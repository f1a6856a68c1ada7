/*
 * The root zone's RAM on QEMU virt after a UEFI boot, fitted around what the
 * firmware's memory map keeps (runtime services, ACPI NVS, reserved): pure,
 * so that the unit tests can feed it any map. Private to this directory.
 */
#ifndef QEMU_VIRT_ROOT_RAM_H
#define QEMU_VIRT_ROOT_RAM_H

#include "lib/types.h"
#include "core/config.h"
#include "core/fdt.h"

/* Ranges of the root's RAM the firmware keeps, each a reserved no-map node in its tree. */
#define ROOT_RAM_RESERVED_MAX 4

struct root_ram {
    u64 low_end;   /* the low RAM is [0, low_end): lvisor's base */
    u64 high_base; /* the high RAM is [high_base, high_base + high_size) */
    u64 high_size; /* in: the board's; out: the root's (a kept range at the top cut off) */
    u64 zone_base; /* the RAM set aside for zones, inside the high RAM */
    u64 zone_size; /* in: wanted; out: 0 if the firmware keeps some of it */
    struct phys_range reserved[ROOT_RAM_RESERVED_MAX];
    u32 nr_reserved;
};

/* kept: sorted by base, not overlapping. False (logged) if the root cannot take them. */
bool root_ram_fit(const struct fdt_range *kept, u32 nr_kept, struct root_ram *r);

#endif
