/*
 * A zone's address space on LVZ: its guest id and stage-2 tables (the zone
 * hooks of core/arch.h). Portable but for the TLB flush: unit-tested.
 */
#include "tlb.h"
#include "core/arch.h"
#include "core/frame.h"
#include "core/zone.h"

static void *alloc_table(void *ctx) { return frame_alloc(ctx); }

static void free_table(void *ctx, void *table) { frame_free(ctx, table); }

bool zone_arch_init(struct zone *z)
{
    z->arch.gid = z->id + 1;
    return stage2_init(&z->arch.s2, alloc_table, free_table, &hv_frames);
}

bool zone_arch_map(struct zone *z, u64 gpa, u64 hpa, u64 size, enum mem_type type)
{
    u64 flags = type == MEM_RAM ? S2_RWX : (S2_READ | S2_WRITE | S2_DEVICE);
    return stage2_map(&z->arch.s2, gpa, hpa, size, flags);
}

void zone_arch_unmap(struct zone *z, u64 gpa, u64 size)
{
    stage2_unmap(&z->arch.s2, gpa, size);
    tlb_flush_guest(z->arch.gid);
}

void zone_arch_destroy(struct zone *z)
{
    stage2_destroy(&z->arch.s2);
    tlb_flush_guest(z->arch.gid);
}

/* Stage 2 maps 48-bit guest physical addresses (stage2.h's four levels). */
u64 zone_arch_gpa_limit(void) { return 1UL << 48; }
