/* Minimal FDT walker (tokens per the devicetree spec) and the edits lvisor needs. */
#include "core/fdt.h"
#include "lib/string.h"

#define FDT_MAGIC      0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9
#define FDT_MAX_DEPTH  16

static u32 be32(const void *p)
{
    const u8 *b = p;
    return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static u64 be64(const void *p) { return (u64)be32(p) << 32 | be32((const u8 *)p + 4); }

static void put_be64(void *p, u64 v)
{
    u8 *b = p;
    for (int i = 0; i < 8; i++)
        b[i] = (u8)(v >> (56 - 8 * i));
}

/* One property as the walker sees it; node[d] names the node at depth d (1 = root). */
struct fdt_prop {
    int depth;
    const char *node[FDT_MAX_DEPTH + 1];
    const char *name;
    u8 *val;
    u32 len;
};

typedef void (*fdt_prop_fn)(struct fdt_prop *p, void *ctx);

/* Calls fn for every property; 0 when the walk reaches FDT_END, -1 on a malformed blob. */
static int fdt_walk(void *fdt, u64 size, fdt_prop_fn fn, void *ctx)
{
    u8 *base = fdt;
    if (size < 40 || be32(base) != FDT_MAGIC || be32(base + 4) > size)
        return -1;
    u32 off_struct = be32(base + 8), off_strings = be32(base + 12);
    u32 size_struct = be32(base + 36), size_strings = be32(base + 32);
    if (off_struct > size || size_struct > size - off_struct || off_strings > size ||
        size_strings > size - off_strings)
        return -1;

    struct fdt_prop pr = {0};
    u8 *p = base + off_struct, *end = p + size_struct;
    while (p + 4 <= end) {
        u32 tok = be32(p);
        p += 4;
        if (tok == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            size_t n = strnlen(name, (size_t)(end - p));
            if (p + n >= end || pr.depth >= FDT_MAX_DEPTH)
                return -1;
            pr.node[++pr.depth] = name;
            p += ALIGN_UP(n + 1, 4);
        } else if (tok == FDT_END_NODE) {
            if (pr.depth == 0)
                return -1;
            pr.depth--;
        } else if (tok == FDT_PROP) {
            if (p + 8 > end)
                return -1;
            u32 len = be32(p), nameoff = be32(p + 4);
            p += 8;
            if (len > (u64)(end - p) || nameoff >= size_strings || pr.depth == 0)
                return -1;
            pr.name = (const char *)base + off_strings + nameoff;
            if (strnlen(pr.name, size_strings - nameoff) == size_strings - nameoff)
                return -1;
            pr.val = p;
            pr.len = len;
            fn(&pr, ctx);
            p += ALIGN_UP(len, 4);
        } else if (tok == FDT_NOP) {
            continue;
        } else if (tok == FDT_END) {
            return 0;
        } else {
            return -1;
        }
    }
    return -1;
}

static void disable_cpu(struct fdt_prop *p, void *ctx)
{
    struct {
        u64 present;
        int disabled;
    } *c = ctx;
    if (p->depth != 3 || strcmp(p->node[2], "cpus") || strncmp(p->node[3], "cpu@", 4))
        return;
    u64 cpu = strtou64(p->node[3] + 4, NULL);
    if (cpu < 64 && !(c->present & (1UL << cpu)) && !strcmp(p->name, "status") && p->len == 5 &&
        !memcmp(p->val, "okay", 5)) {
        memcpy(p->val, "fail", 5);
        c->disabled++;
    }
}

int fdt_disable_absent_cpus(void *fdt, u64 size, u64 present)
{
    struct {
        u64 present;
        int disabled;
    } c = {present, 0};
    return fdt_walk(fdt, size, disable_cpu, &c) ? -1 : c.disabled;
}

static void cpu_reg(struct fdt_prop *p, void *ctx)
{
    u64 *mask = ctx;
    if (p->depth == 3 && !strcmp(p->node[2], "cpus") && !strncmp(p->node[3], "cpu@", 4) &&
        !strcmp(p->name, "reg") && p->len == 4 && be32(p->val) < 64)
        *mask |= 1UL << be32(p->val);
}

s64 fdt_cpu_mask(const void *fdt, u64 size)
{
    u64 mask = 0;
    /* read-only walk: cpu_reg never writes */
    if (fdt_walk((void *)fdt, size, cpu_reg, &mask))
        return -1;
    return (s64)(mask & ~(1UL << 63));
}

struct mem_walk {
    bool cells_ok; /* root #address-cells = #size-cells = 2 (the default is not) */
    u32 address_cells, size_cells;
    struct fdt_range *out; /* read: where to store */
    int max, found;
    u64 base, new_size; /* write: entry to change */
    bool write;
};

static bool is_memory_node(const char *name)
{
    return !strncmp(name, "memory", 6) && (name[6] == 0 || name[6] == '@');
}

static void memory_reg(struct fdt_prop *p, void *ctx)
{
    struct mem_walk *m = ctx;
    if (p->depth == 1 && p->len == 4) {
        if (!strcmp(p->name, "#address-cells"))
            m->address_cells = be32(p->val);
        if (!strcmp(p->name, "#size-cells"))
            m->size_cells = be32(p->val);
        return;
    }
    if (p->depth != 2 || !is_memory_node(p->node[2]) || strcmp(p->name, "reg"))
        return;
    if (m->address_cells != 2 || m->size_cells != 2 || p->len % 16) {
        m->cells_ok = false;
        return;
    }
    for (u32 off = 0; off < p->len; off += 16) {
        u64 base = be64(p->val + off), size = be64(p->val + off + 8);
        if (m->write) {
            if (base == m->base) {
                put_be64(p->val + off + 8, m->new_size);
                m->found++;
            }
        } else {
            if (m->found < m->max)
                m->out[m->found] = (struct fdt_range){base, size};
            m->found++;
        }
    }
}

int fdt_memory_ranges(const void *fdt, u64 size, struct fdt_range *out, int max)
{
    struct mem_walk m = {
        .cells_ok = true, .address_cells = 2, .size_cells = 1, .out = out, .max = max};
    /* read-only walk: memory_reg never writes when m.write is false */
    if (fdt_walk((void *)fdt, size, memory_reg, &m) || !m.cells_ok)
        return -1;
    return m.found;
}

int fdt_set_memory_size(void *fdt, u64 size, u64 base, u64 new_size)
{
    struct mem_walk m = {.cells_ok = true,
                         .address_cells = 2,
                         .size_cells = 1,
                         .base = base,
                         .new_size = new_size,
                         .write = true};
    if (fdt_walk(fdt, size, memory_reg, &m) || !m.cells_ok)
        return -1;
    return m.found;
}

struct bootargs_ctx {
    char *out;
    u32 max, len;
};

static void chosen_bootargs(struct fdt_prop *p, void *ctx)
{
    struct bootargs_ctx *c = ctx;
    if (p->depth != 2 || strcmp(p->node[2], "chosen") || strcmp(p->name, "bootargs"))
        return;
    u32 n = (u32)strnlen((const char *)p->val, p->len);
    if (n > c->max - 1)
        n = c->max - 1;
    memcpy(c->out, p->val, n);
    c->out[n] = 0;
    c->len = n;
}

int fdt_chosen_bootargs(void *fdt, u64 size, char *out, u32 max)
{
    struct bootargs_ctx c = {out, max, 0};
    if (!max)
        return -1;
    out[0] = 0;
    return fdt_walk(fdt, size, chosen_bootargs, &c) ? -1 : (int)c.len;
}

/* A /reserved-memory child's reg: found by its name, or (node NULL) by its base. */
struct reserved_ctx {
    const char *node;
    u64 base, new_size;
    int found;
};

static void reserved_reg(struct fdt_prop *p, void *ctx)
{
    struct reserved_ctx *c = ctx;
    if (p->depth != 3 || strcmp(p->node[2], "reserved-memory") || strcmp(p->name, "reg") ||
        p->len != 16)
        return;
    if (c->node ? strcmp(p->node[3], c->node) != 0 : be64(p->val) != c->base)
        return;
    put_be64(p->val, c->base);
    put_be64(p->val + 8, c->new_size);
    c->found++;
}

int fdt_set_reserved_size(void *fdt, u64 size, u64 base, u64 new_size)
{
    struct reserved_ctx c = {NULL, base, new_size, 0};
    return fdt_walk(fdt, size, reserved_reg, &c) ? -1 : c.found;
}

int fdt_set_reserved_node(void *fdt, u64 size, const char *node, u64 base, u64 new_size)
{
    struct reserved_ctx c = {node, base, new_size, 0};
    return fdt_walk(fdt, size, reserved_reg, &c) ? -1 : c.found;
}
