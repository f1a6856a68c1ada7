/* A zone: a guest with its CPUs, memory (stage-2 tables) and devices. */
#ifndef CORE_ZONE_H
#define CORE_ZONE_H

#include "lib/types.h"
#include "core/config.h"
#include "core/mmio.h"
#include "arch/loongarch64/stage2.h"
#include "arch/loongarch64/asm_offsets.h"

struct vcpu;

struct zone {
    u32 id;
    u32 gid;      /* LVZ guest id tagging its TLB entries (id + 1; 0 is the root's own) */
    const struct zone_config *cfg;
    struct stage2 s2;
    struct mmio_table mmio;
    u32 nr_vcpus;
    struct vcpu *vcpu[MAX_CPUS]; /* by vcpu id (= guest CPUID) */
    u64 cpus;     /* physical CPUs it got (config CPUs that are present) */
    u64 entry;    /* kernel entry GPA */
    u64 boot_a1, boot_a2;
};

struct zone *zone_create(const struct zone_config *cfg, u64 present_cpus);
struct zone *zone_find(u32 id);
/* Copies the kernel and boot data into zone memory; sets zone->entry. */
bool zone_load_linux(struct zone *z, u64 initrd_size);
/* The vcpu of this zone with guest id `id`, or NULL. */
struct vcpu *zone_vcpu(struct zone *z, u32 id);
/* Host virtual address of zone RAM [gpa, gpa+size), or NULL if not all RAM. */
void *zone_ram_ptr(struct zone *z, u64 gpa, u64 size);

extern struct zone *zones[4];

#endif
