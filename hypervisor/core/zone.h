/*
 * A zone: a guest with its CPUs, memory and devices. Its parts (address
 * space, MMIO table, CPUs, ...) come up in order through the hooks of
 * zone.c's part table and go down in reverse, on failure and on destroy.
 */
#ifndef CORE_ZONE_H
#define CORE_ZONE_H

#include "lib/types.h"
#include "core/config.h"
#include "core/mmio.h"
#include <arch/vcpu_arch.h>

struct vcpu;

#define MAX_ZONES CONFIG_MAX_CPUS /* every zone has at least one CPU */

enum zone_state {
    ZONE_RUNNING,
    ZONE_PARKED, /* a fault fatal to the zone: its CPUs are stopped */
};

struct zone {
    u32 id;
    const struct zone_config *cfg;
    struct zone_arch arch;
    struct mmio_table mmio;
    volatile enum zone_state state;
    u32 nr_vcpus;
    struct vcpu *vcpu[CONFIG_MAX_CPUS]; /* by vcpu id (= guest CPU number) */
    u64 cpus;                           /* physical CPUs it got (config CPUs that are present) */
    u64 entry;                          /* kernel entry GPA */
    u64 boot_a0, boot_a1, boot_a2;      /* vCPU 0's argument registers at entry */
};

/* Builds a zone from a checked config; NULL (logged) leaves nothing behind. */
struct zone *zone_create(const struct zone_config *cfg, u64 present_cpus);
/* Takes a zone down: every part's exit hook, every frame returned. Its CPUs must be stopped. */
void zone_destroy(struct zone *z);
struct zone *zone_find(u32 id);
/* Copies the kernel and boot data into zone memory; sets zone->entry. */
bool zone_load_linux(struct zone *z);
/* The vcpu of this zone with guest id `id`, or NULL. */
struct vcpu *zone_vcpu(struct zone *z, u32 id);
/* Host virtual address of zone RAM [gpa, gpa+size), or NULL if not all RAM. */
void *zone_ram_ptr(struct zone *z, u64 gpa, u64 size);
/* A fault fatal to the zone (not to lvisor): logs it, stops all its CPUs, the others run on. */
void zone_park(struct zone *z, struct vcpu *v, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));

extern struct zone *zones[MAX_ZONES];

#endif
