/*
 * Stage-2 (GPA -> HPA) tables of a zone. LVZ has no stage-2 walker: the root
 * refill handler walks these tables and writes a root TLB entry tagged with
 * the zone's GID (GTLBC.TGID). The format is lvisor's own: 4 levels of 512
 * entries over 48 bits, 2 MiB blocks at level 2, 4 KiB pages at level 3.
 * Portable: unit-tested on the host.
 */
#ifndef ARCH_STAGE2_H
#define ARCH_STAGE2_H

#include "lib/types.h"

#define S2_PRESENT   (1UL << 0)
#define S2_LEAF      (1UL << 1)
#define S2_READ      (1UL << 2)
#define S2_WRITE     (1UL << 3)
#define S2_EXEC      (1UL << 4)
#define S2_DEVICE    (1UL << 5) /* uncached (MAT = SUC) */
#define S2_ADDR_MASK 0x0000fffffffff000UL
#define S2_RWX       (S2_READ | S2_WRITE | S2_EXEC)

#define S2_BLOCK_SIZE (2UL << 20)
#define S2_PAGE_SIZE  4096UL
#define S2_GPA_BITS   48

struct stage2 {
    u64 *root;                       /* level-0 table */
    void *(*alloc_table)(void *ctx); /* returns a zeroed 4 KiB table */
    void (*free_table)(void *ctx, void *table);
    void *ctx;
};

/* What the refill handler writes: TLBREHI (VPPN | PS), TLBRELO0/1. */
struct tlb_fill {
    u64 ehi;
    u64 lo0, lo1;
    u32 ps;
};

struct s2_leaf {
    u64 gpa; /* start of the leaf */
    u64 hpa;
    u64 size; /* 2 MiB or 4 KiB */
    u64 flags;
};

bool stage2_init(struct stage2 *s, void *(*alloc_table)(void *), void (*free_table)(void *, void *),
                 void *ctx);
/* Returns every table to free_table; the stage2 is empty (root NULL) afterwards. */
void stage2_destroy(struct stage2 *s);
/* Maps [gpa, gpa+size) -> hpa; uses 2 MiB blocks where both sides are aligned.
 * Returns false on bad alignment, out-of-range addresses, overlap or no memory. */
bool stage2_map(struct stage2 *s, u64 gpa, u64 hpa, u64 size, u64 flags);
/* Removes the leaves of [gpa, gpa+size) (page aligned; a block is removed only
 * whole). Tables left empty stay until stage2_destroy. */
void stage2_unmap(struct stage2 *s, u64 gpa, u64 size);
bool stage2_lookup(const struct stage2 *s, u64 gpa, struct s2_leaf *out);
/* Builds the root TLB entry pair covering gpa (invalid halves where unmapped). */
void stage2_tlb_fill(const struct stage2 *s, u64 gpa, struct tlb_fill *f);

#endif
