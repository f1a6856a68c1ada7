/* Stage-2 table builder and lookup (see stage2.h). */
#include <arch/stage2.h>
#include <loongarch/regs.h>

static inline u32 s2_index(u64 gpa, int level) { return (u32)(gpa >> (39 - 9 * level)) & 511; }

bool stage2_init(struct stage2 *s, void *(*alloc_table)(void *), void (*free_table)(void *, void *),
                 void *ctx)
{
    s->alloc_table = alloc_table;
    s->free_table = free_table;
    s->ctx = ctx;
    s->root = alloc_table(ctx);
    return s->root != NULL;
}

static void free_level(struct stage2 *s, u64 *t, int level)
{
    for (u32 i = 0; level < 3 && i < 512; i++)
        if ((t[i] & S2_PRESENT) && !(t[i] & S2_LEAF))
            free_level(s, (u64 *)(t[i] & ~0xfffUL), level + 1);
    s->free_table(s->ctx, t);
}

void stage2_destroy(struct stage2 *s)
{
    if (s->root)
        free_level(s, s->root, 0);
    s->root = NULL;
}

/* The entry mapping gpa at `level`, or NULL if a table on the way is missing. */
static u64 *walk_find(struct stage2 *s, u64 gpa, int level)
{
    u64 *t = s->root;
    for (int l = 0; l < level; l++) {
        u64 e = t[s2_index(gpa, l)];
        if (!(e & S2_PRESENT) || (e & S2_LEAF))
            return NULL;
        t = (u64 *)(e & ~0xfffUL);
    }
    return &t[s2_index(gpa, level)];
}

void stage2_unmap(struct stage2 *s, u64 gpa, u64 size)
{
    if (!s->root || !IS_ALIGNED(gpa | size, S2_PAGE_SIZE) || gpa + size < gpa)
        return;
    while (size) {
        u64 *b = walk_find(s, gpa, 2);
        if (b && (*b & S2_LEAF) && IS_ALIGNED(gpa, S2_BLOCK_SIZE) && size >= S2_BLOCK_SIZE) {
            *b = 0;
            gpa += S2_BLOCK_SIZE;
            size -= S2_BLOCK_SIZE;
            continue;
        }
        u64 *p = (b && !(*b & S2_LEAF)) ? walk_find(s, gpa, 3) : NULL;
        if (p)
            *p = 0;
        gpa += S2_PAGE_SIZE;
        size -= S2_PAGE_SIZE;
    }
}

/* Walks to the table at `level`, creating missing tables; NULL on a leaf in the way. */
static u64 *walk_create(struct stage2 *s, u64 gpa, int level)
{
    u64 *t = s->root;
    for (int l = 0; l < level; l++) {
        u64 *e = &t[s2_index(gpa, l)];
        if (!(*e & S2_PRESENT)) {
            u64 *n = s->alloc_table(s->ctx);
            if (!n)
                return NULL;
            *e = (u64)n | S2_PRESENT;
        } else if (*e & S2_LEAF) {
            return NULL;
        }
        t = (u64 *)(*e & ~0xfffUL);
    }
    return t;
}

bool stage2_map(struct stage2 *s, u64 gpa, u64 hpa, u64 size, u64 flags)
{
    if (!IS_ALIGNED(gpa | hpa | size, S2_PAGE_SIZE) || !size)
        return false;
    if (gpa + size > (1UL << S2_GPA_BITS) || gpa + size < gpa || hpa + size > (1UL << S2_GPA_BITS))
        return false;
    flags &= S2_RWX | S2_DEVICE;
    while (size) {
        bool block = IS_ALIGNED(gpa | hpa, S2_BLOCK_SIZE) && size >= S2_BLOCK_SIZE;
        int level = block ? 2 : 3;
        u64 *t = walk_create(s, gpa, level);
        if (!t)
            return false;
        u64 *e = &t[s2_index(gpa, level)];
        if (*e & S2_PRESENT)
            return false; /* already mapped: configs must not overlap */
        *e = (hpa & S2_ADDR_MASK) | flags | S2_PRESENT | S2_LEAF;
        u64 step = block ? S2_BLOCK_SIZE : S2_PAGE_SIZE;
        gpa += step;
        hpa += step;
        size -= step;
    }
    return true;
}

bool stage2_lookup(const struct stage2 *s, u64 gpa, struct s2_leaf *out)
{
    if (gpa >= (1UL << S2_GPA_BITS) || !s->root)
        return false;
    const u64 *t = s->root;
    for (int l = 0; l < 4; l++) {
        u64 e = t[s2_index(gpa, l)];
        if (!(e & S2_PRESENT))
            return false;
        if (e & S2_LEAF) {
            u64 sz = l == 2 ? S2_BLOCK_SIZE : S2_PAGE_SIZE;
            if (l != 2 && l != 3)
                return false;
            out->size = sz;
            out->gpa = gpa & ~(sz - 1);
            out->hpa = e & S2_ADDR_MASK;
            out->flags = e & (S2_RWX | S2_DEVICE);
            return true;
        }
        t = (const u64 *)(e & ~0xfffUL);
    }
    return false;
}

static u64 tlbelo(u64 hpa, u64 flags)
{
    u64 lo = (hpa & TLBELO_PPN_MASK) | TLBELO_V;
    lo |= (flags & S2_DEVICE) ? TLBELO_MAT_SUC : TLBELO_MAT_CC;
    if (flags & S2_WRITE)
        lo |= TLBELO_D;
    if (!(flags & S2_READ))
        lo |= TLBELO_NR;
    if (!(flags & S2_EXEC))
        lo |= TLBELO_NX;
    return lo;
}

static u64 page_entry(const struct stage2 *s, u64 gpa)
{
    struct s2_leaf l;
    if (!stage2_lookup(s, gpa, &l))
        return 0; /* V = 0: the retried access faults as PIL/PIS/PIF and exits */
    return tlbelo(l.hpa + (gpa - l.gpa), l.flags);
}

void stage2_tlb_fill(const struct stage2 *s, u64 gpa, struct tlb_fill *f)
{
    struct s2_leaf l;
    gpa &= (1UL << S2_GPA_BITS) - 1;
    if (stage2_lookup(s, gpa, &l) && l.size == S2_BLOCK_SIZE) {
        /* One entry pair of 1 MiB pages covers the whole 2 MiB block. */
        f->ps = 20;
        f->ehi = l.gpa;
        f->lo0 = tlbelo(l.hpa, l.flags);
        f->lo1 = tlbelo(l.hpa + (1UL << 20), l.flags);
    } else {
        f->ps = 12;
        f->ehi = gpa & ~0x1fffUL;
        f->lo0 = page_entry(s, f->ehi);
        f->lo1 = page_entry(s, f->ehi + S2_PAGE_SIZE);
    }
}
