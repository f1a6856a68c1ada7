/*
 * zone_request_check against 10,000 random and mutated requests (a seeded
 * PRNG: every run sees the same ones). Each buffer is a heap copy of exactly
 * the size passed, so ASan catches a read past it and UBSan any overflow.
 * The rules are written again here, independently and with 128-bit ends:
 * a request is accepted exactly when it breaks none of them, an accepted
 * one is converted faithfully, a refused one leaves *out as it was and
 * gets the errno its rule documents.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zone_request_fixture.h"

#define ROUNDS 10000
#define SIZE   LVISOR_ZONE_CONFIG_SIZE
#define PG     0x1000UL

typedef unsigned __int128 u128;
static const u128 TOP = (u128)1 << 64;

/* xorshift64*: small, seeded, the same sequence everywhere. */
static u64 rng = 0x6c76697365720001UL;
static u64 rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dUL;
}
static u64 below(u64 n) { return rnd() % n; }

/* Half-open intervals in 128 bits: no end can wrap. */
struct iv {
    u128 b, e;
};
static bool iv_overlap(struct iv x, struct iv y) { return x.b < y.e && y.b < x.e; }
static bool iv_within(struct iv x, u128 b, u128 e) { return x.b >= b && x.e <= e; }
static struct iv host_iv(const struct lvisor_mem_region *r)
{
    return (struct iv){r->physical_start, (u128)r->physical_start + r->size};
}
static struct iv zone_pages(const struct lvisor_mem_region *r)
{
    u128 b = r->virtual_start, e = b + r->size;
    return (struct iv){b / PG * PG, (e + PG - 1) / PG * PG};
}
static bool in_list(struct iv x, const struct phys_range *l, u32 n)
{
    for (u32 i = 0; i < n; i++)
        if (iv_within(x, l[i].base, (u128)l[i].base + l[i].size))
            return true;
    return false;
}

/* The RAM region (index) holding [a, a+len), by host or zone address; -1 if none. */
static int ram_index(const struct lvisor_zone_config *c, u128 a, u128 len, bool by_host)
{
    for (u32 i = 0; i < c->num_memory_regions; i++) {
        const struct lvisor_mem_region *r = &c->memory_regions[i];
        u128 b = by_host ? r->physical_start : r->virtual_start;
        if (r->type == LVISOR_MEM_RAM && a >= b && a + len <= b + r->size)
            return (int)i;
    }
    return -1;
}

/* The first rule c breaks, or NULL: the whole specification, once more. */
static const char *violation(const struct lvisor_zone_config *c, u64 size)
{
    const struct zone_request_rules *R = &fx_rules;
    if (size != LVISOR_ZONE_CONFIG_SIZE && size != LVISOR_ZONE_CONFIG_SIZE_LEGACY)
        return "size";
    if (c->zone_id < 1 || c->zone_id > R->max_zone_id || (R->ids_in_use >> c->zone_id & 1))
        return "zone_id";
    if (!c->cpus || (c->cpus & ~R->cpus_present) || (c->cpus & ~R->cpus_free))
        return "cpus";
    size_t len = strnlen(c->name, LVISOR_ZONE_NAME_LEN);
    if (!len)
        return "name empty";
    for (size_t k = 0; k < len; k++)
        if ((unsigned char)c->name[k] < ' ' || (unsigned char)c->name[k] > '~')
            return "name";
    if (len == LVISOR_ZONE_NAME_LEN)
        return "name"; /* no NUL */
    if (c->num_ivc_configs > 2 || c->num_pci_bus > 4 || c->num_pci_devs > 32)
        return "counts";
    u32 n = c->num_memory_regions;
    if (n < 1 || n > 64)
        return "region count";
    struct iv hv = {R->hv.base, (u128)R->hv.base + R->hv.size};
    for (u32 i = 0; i < n; i++) {
        const struct lvisor_mem_region *r = &c->memory_regions[i];
        if (r->type > 2 || !r->size)
            return "region type or size";
        if ((u128)r->virtual_start + r->size >= TOP || zone_pages(r).e > R->gpa_limit)
            return "region zone addresses";
        if (r->type == LVISOR_MEM_VIRTIO)
            continue;
        if ((r->physical_start | r->virtual_start | r->size) % PG)
            return "region alignment";
        struct iv h = host_iv(r);
        if (h.e >= TOP || iv_overlap(h, hv))
            return "region host addresses";
        if (r->type == LVISOR_MEM_IO && !in_list(h, R->io, R->nr_io))
            return "IO not allowed";
        if (r->type == LVISOR_MEM_RAM && !in_list(h, R->zone_ram, R->nr_zone_ram))
            return "RAM not set aside";
        for (u32 z = 0; r->type == LVISOR_MEM_RAM && z < R->nr_running; z++)
            for (u32 k = 0; k < R->running[z]->nr_mem; k++) {
                const struct mem_region *m = &R->running[z]->mem[k];
                if (m->type == MEM_RAM &&
                    iv_overlap(h, (struct iv){m->hpa, (u128)m->hpa + m->size}))
                    return "RAM in use";
            }
    }
    for (u32 i = 0; i < n; i++)
        for (u32 j = 0; j < i; j++) {
            const struct lvisor_mem_region *a = &c->memory_regions[i], *b = &c->memory_regions[j];
            if (iv_overlap(zone_pages(a), zone_pages(b)))
                return "zone pages overlap";
            if (a->type != LVISOR_MEM_VIRTIO && b->type != LVISOR_MEM_VIRTIO &&
                iv_overlap(host_iv(a), host_iv(b)))
                return "host memory overlaps";
        }
    u64 entry = c->entry_point & ((1UL << 48) - 1);
    if (entry % 4 || ram_index(c, entry, 4, false) < 0)
        return "entry";
    if (c->kernel_size && ram_index(c, c->kernel_load_paddr, c->kernel_size, true) < 0)
        return "kernel";
    if (c->dtb_size && ram_index(c, c->dtb_load_paddr, c->dtb_size, true) < 0)
        return "dtb";
    return NULL;
}

static void assert_image(const struct lvisor_zone_config *c, u64 hpa, u64 len,
                         struct zone_image got)
{
    if (!len) {
        assert_int_equal(got.gpa, 0);
        assert_int_equal(got.size, 0);
        return;
    }
    int k = ram_index(c, hpa, len, true);
    assert_true(k >= 0);
    const struct lvisor_mem_region *r = &c->memory_regions[k];
    assert_int_equal(got.gpa, r->virtual_start + (hpa - r->physical_start));
    assert_int_equal(got.size, len);
}

/* An accepted request's conversion: what zone_create and the loader will use. */
static void assert_converted(const struct lvisor_zone_config *c, u64 size,
                             const struct zone_request *out)
{
    static const u32 types[] = {MEM_RAM, MEM_IO, MEM_VIRTIO};
    u32 n = c->num_memory_regions;
    assert_int_equal(out->cfg.id, c->zone_id);
    assert_int_equal(out->cfg.cpus, c->cpus);
    assert_int_equal(out->cfg.nr_mem, n);
    assert_ptr_equal(out->cfg.mem, out->mem);
    assert_ptr_equal(out->cfg.name, out->name);
    size_t len = strnlen(c->name, LVISOR_ZONE_NAME_LEN);
    assert_int_equal(strlen(out->name), len);
    assert_memory_equal(out->name, c->name, len);
    for (u32 i = 0; i < LVISOR_MAX_MEM_REGIONS; i++) {
        const struct mem_region *m = &out->mem[i];
        if (i >= n) {
            assert_true(!m->hpa && !m->gpa && !m->size && !m->type);
            continue;
        }
        const struct lvisor_mem_region *r = &c->memory_regions[i];
        assert_int_equal(m->type, types[r->type]);
        assert_int_equal(m->gpa, r->virtual_start);
        assert_int_equal(m->size, r->size);
        assert_int_equal(m->hpa, r->physical_start); /* a virtio window: the address only */
    }
    assert_int_equal(out->entry, c->entry_point & ((1UL << 48) - 1));
    assert_image(c, c->kernel_load_paddr, c->kernel_size, out->kernel);
    assert_image(c, c->dtb_load_paddr, c->dtb_size, out->dtb);
    assert_int_equal(out->legacy_layout, size == LVISOR_ZONE_CONFIG_SIZE_LEGACY);
}

/* The errno each rule documents in zone_request.h. */
static int rule_errno(enum zone_rule r)
{
    switch (r) {
    case ZR_BUFFER:
        return HV_EFAULT;
    case ZR_ID_IN_USE:
        return HV_EEXIST;
    case ZR_CPU_BUSY:
    case ZR_RAM_IN_USE:
        return HV_EBUSY;
    case ZR_HITS_HV:
    case ZR_RAM_NOT_SET_ASIDE:
    case ZR_IO_NOT_ALLOWED:
        return HV_EPERM;
    case ZR_OK:
        return 0;
    default:
        return HV_EINVAL;
    }
}

/* Addresses near the edges the rules care about, and some that are nowhere. */
static u64 value(void)
{
    static const u64 edges[] = {
        0,           0x200,       0x1000,      0x100000,
        0x10000000,  FX_HV_BASE,  0x80000000,  0x90000000,
        0xc0000000,  0xc0200000,  0xcff00000,  0xd0000000,
        0xe0000000,  0xfff00000,  0x100000000, 0x140000000,
        0x148000000, 0x150000000, 0x1fe00000,  0x10000000,
        0x100d0000,  0x20000000,  0x30001000,  1UL << 48,
        ~0UL,        ~0xfffffUL,  1UL << 63,   0x90000000c0dff000UL,
    };
    switch (below(4)) {
    case 0:
        return edges[below(ARRAY_SIZE(edges))];
    case 1:
        return edges[below(ARRAY_SIZE(edges))] + (below(5) - 2) * PG;
    case 2:
        return rnd() & ((1UL << 40) - PG);
    default:
        return below(2) ? rnd() : below(0x2000);
    }
}

static void mutate(struct lvisor_zone_config *c)
{
    u8 *bytes = (u8 *)c;
    struct lvisor_mem_region *r =
        &c->memory_regions[below(4) ? below(FX_GOOD_REGIONS + 2) : below(64)];
    switch (below(11)) {
    case 0:
        bytes[below(SIZE)] ^= (u8)(1u << below(8));
        break;
    case 1:
        bytes[below(SIZE)] = (u8)rnd();
        break;
    case 2:
        r->physical_start = value();
        break;
    case 3:
        r->virtual_start = below(2) ? value() : r->physical_start;
        break;
    case 4:
        r->size = below(2) ? value() : (1 + below(64)) * PG;
        break;
    case 5:
        r->type = (u32)below(4);
        break;
    case 6:
        c->num_memory_regions = (u32)(below(8) ? below(70) : rnd());
        break;
    case 7:
        c->memory_regions[below(64)] = *r;
        break;
    case 8: {
        u64 *boot[] = {&c->entry_point, &c->kernel_load_paddr, &c->kernel_size, &c->dtb_load_paddr,
                       &c->dtb_size};
        *boot[below(5)] = value();
        break;
    }
    case 9:
        if (below(2))
            c->zone_id = (u32)(below(4) ? below(6) : rnd());
        else
            c->cpus = below(2) ? below(16) : 1UL << below(64);
        break;
    default:
        if (below(2))
            c->name[below(LVISOR_ZONE_NAME_LEN)] = (char)rnd();
        else
            c->num_pci_devs = below(34), c->num_pci_bus = below(6),
            c->num_ivc_configs = (u32)below(4);
        break;
    }
}

/* A fresh request from parts that are mostly allowed: accepted often, refused for overlaps. */
static struct lvisor_zone_config build(void)
{
    struct lvisor_zone_config c;
    memset(&c, 0, sizeof(c));
    c.zone_id = below(2) ? 1 : 3;
    c.cpus = c.zone_id == 1 ? 1UL << 1 : (1UL << 3) | (below(2) << 1);
    size_t len = 1 + below(LVISOR_ZONE_NAME_LEN);
    for (size_t k = 0; k < len; k++)
        c.name[k] = (char)(' ' + below(95));
    u32 n = 1 + (u32)below(12);
    c.num_memory_regions = n;
    for (u32 i = 0; i < n; i++) {
        struct lvisor_mem_region *r = &c.memory_regions[i];
        u64 kind = i == 0 ? 0 : below(10);
        if (kind < 6) {
            const struct phys_range *w = &fx_zone_ram[below(2)];
            r->type = LVISOR_MEM_RAM;
            r->size = (1 + below(64)) * PG << (4 * below(3));
            r->physical_start = w->base + below(w->size / PG) * PG;
            r->virtual_start = below(2) ? r->physical_start : below(1UL << 28) * PG;
        } else if (kind < 8) {
            const struct phys_range *d = &fx_io[below(3)];
            r->type = LVISOR_MEM_IO;
            r->size = d->size;
            r->physical_start = d->base;
            r->virtual_start = below(2) ? d->base : below(1UL << 28) * PG;
        } else {
            r->type = LVISOR_MEM_VIRTIO;
            r->size = 0x200;
            r->virtual_start = 0x30000000 + below(64) * 0x200;
            r->physical_start = r->virtual_start;
        }
    }
    const struct lvisor_mem_region *ram = &c.memory_regions[0];
    c.entry_point = ram->virtual_start + below(ram->size / 4) * 4;
    if (below(2))
        c.entry_point |= 0x9000000000000000UL;
    if (below(3)) {
        c.kernel_load_paddr = ram->physical_start + below(ram->size / PG) * PG;
        c.kernel_size = (1 + below(16)) * PG;
    }
    if (below(3)) {
        c.dtb_load_paddr = ram->physical_start + below(ram->size / PG) * PG;
        c.dtb_size = PG;
    }
    return c;
}

static const u64 sizes[] = {0,
                            1,
                            8,
                            2800,
                            LVISOR_ZONE_CONFIG_SIZE_LEGACY - 1,
                            LVISOR_ZONE_CONFIG_SIZE_LEGACY,
                            LVISOR_ZONE_CONFIG_SIZE_LEGACY + 1,
                            SIZE - 1,
                            SIZE,
                            SIZE + 1,
                            4096};

static u32 accepted, refused_by[ZR_NR_RULES];

static void one_round(void)
{
    struct lvisor_zone_config c = fx_good();
    u64 size = below(4) ? SIZE : LVISOR_ZONE_CONFIG_SIZE_LEGACY;
    u64 how = below(100);
    if (how < 60) {
        for (u64 k = 1 + below(4); k; k--)
            mutate(&c);
    } else if (how < 82) {
        c = build();
        if (below(4) == 0)
            mutate(&c);
    } else if (how < 90) {
        size = sizes[below(ARRAY_SIZE(sizes))];
        if (below(2))
            mutate(&c);
    } else {
        u8 *bytes = (u8 *)&c;
        for (size_t k = 0; k < sizeof(c); k++)
            bytes[k] = (u8)rnd();
        if (below(2)) /* past the header: lets the region checks see random regions */
            c.zone_id = 1, c.cpus = 2, c.name[0] = 'r', c.num_memory_regions = 1 + (u32)below(64);
    }

    /* the caller's buffer: exactly size bytes, sometimes misaligned */
    u64 skew = below(50) ? 0 : 1 + below(7);
    u8 *mem = malloc(size + skew + 1);
    u8 *buf = mem + skew;
    memcpy(buf, &c, size < sizeof(c) ? size : sizeof(c));
    if (size > sizeof(c))
        memset(buf + sizeof(c), 0, size - sizeof(c));
    struct zone_request out, before;
    struct zone_reject rej;
    memset(&out, 0x5a, sizeof(out));
    before = out;
    int err = skew ? zone_request_check(buf, size, &fx_rules, &out, &rej)
                   : fx_check(buf, size, &out, &rej);
    free(mem);

    const char *broken = skew ? "misaligned" : violation(&c, size);
    if (!err) {
        if (broken)
            fail_msg("accepted a request that breaks \"%s\"", broken);
        assert_int_equal(rej.rule, ZR_OK);
        assert_converted(&c, size, &out);
        accepted++;
        return;
    }
    if (!broken)
        fail_msg("refused a good request (%d): %s", err, rej.why);
    assert_true(rej.rule > ZR_OK && rej.rule < ZR_NR_RULES);
    assert_int_equal(err, -rule_errno(rej.rule));
    assert_non_null(memchr(rej.why, 0, sizeof(rej.why)));
    assert_true(rej.why[0] != 0);
    assert_memory_equal(&out, &before, sizeof(out));
    refused_by[rej.rule]++;
}

static void ten_thousand_requests(void **state)
{
    (void)state;
    for (u32 i = 0; i < ROUNDS; i++)
        one_round();
    print_message("accepted %u of %u; refused by rule:", accepted, ROUNDS);
    for (u32 r = ZR_OK + 1; r < ZR_NR_RULES; r++)
        print_message(" %u", refused_by[r]);
    print_message("\n");
    /* the run means something only if it reaches every rule and accepts many */
    assert_true(accepted >= ROUNDS / 10);
    for (u32 r = ZR_OK + 1; r < ZR_NR_RULES; r++)
        if (!refused_by[r])
            fail_msg("no request was refused by rule %u", r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(ten_thousand_requests)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
