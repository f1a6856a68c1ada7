/* Stage-2 table builder, lookup and the TLB entry pairs the refill writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <arch/stage2.h>
#include <loongarch/regs.h>

/* Tables come from a static arena, reset before each test. */
static _Alignas(4096) u8 arena[64][4096];
static int tables_used, tables_left, tables_freed;

static void *alloc_table(void *ctx)
{
    (void)ctx;
    if (tables_left-- <= 0 || tables_used >= 64)
        return NULL;
    return memset(arena[tables_used++], 0, 4096);
}

static void free_table(void *ctx, void *t)
{
    (void)ctx;
    assert_true((u8 *)t >= arena[0] && (u8 *)t < arena[tables_used]);
    memset(t, 0xa5, 4096); /* a use after free reads garbage */
    tables_freed++;
}

static struct stage2 s2;

static int setup(void **state)
{
    (void)state;
    tables_left = 1000;
    tables_used = 0;
    tables_freed = 0;
    return stage2_init(&s2, alloc_table, free_table, NULL) ? 0 : -1;
}

static void block_and_pages(void **state)
{
    (void)state;
    /* 4 MiB RAM at 2 MiB-aligned addresses: two blocks */
    assert_true(stage2_map(&s2, 0x80000000, 0x90000000, 4 << 20, S2_RWX));
    struct s2_leaf l;
    assert_true(stage2_lookup(&s2, 0x80312345, &l));
    assert_int_equal(l.size, 2 << 20);
    assert_int_equal(l.gpa, 0x80200000);
    assert_int_equal(l.hpa, 0x90200000);
    /* unaligned region: pages */
    assert_true(stage2_map(&s2, 0x1fe00000, 0x1fe00000, 0x1000, S2_READ | S2_WRITE | S2_DEVICE));
    assert_true(stage2_lookup(&s2, 0x1fe001e5, &l));
    assert_int_equal(l.size, 4096);
    assert_int_equal(l.flags & S2_DEVICE, S2_DEVICE);
    assert_false(stage2_lookup(&s2, 0x1fe01000, &l));
    assert_false(stage2_lookup(&s2, 0x0f000000, &l));
}

static void rejects_bad_maps(void **state)
{
    (void)state;
    assert_false(stage2_map(&s2, 0x1001, 0x1000, 0x1000, S2_RWX));   /* unaligned */
    assert_false(stage2_map(&s2, 0x1000, 0x1000, 0, S2_RWX));        /* empty */
    assert_false(stage2_map(&s2, 1UL << 48, 0, 0x1000, S2_RWX));     /* beyond 48 bits */
    assert_false(stage2_map(&s2, ~0xfffUL, 0, 0x2000, S2_RWX));      /* wraps */
    assert_true(stage2_map(&s2, 0x200000, 0x200000, 0x200000, S2_RWX));
    assert_false(stage2_map(&s2, 0x200000, 0x400000, 0x1000, S2_RWX)); /* overlap */
}

static void runs_out_of_tables(void **state)
{
    (void)state;
    tables_left = 0;
    assert_false(stage2_map(&s2, 0x4000000000UL, 0, 0x1000, S2_RWX));
}

static void refill_pairs(void **state)
{
    (void)state;
    assert_true(stage2_map(&s2, 0x0, 0x0, 0x0f000000, S2_RWX));
    assert_true(stage2_map(&s2, 0x10000000, 0x10000000, 0x1000, S2_READ | S2_WRITE | S2_DEVICE));
    struct tlb_fill f;
    /* RAM block: one pair of 1 MiB pages */
    stage2_tlb_fill(&s2, 0x00345678, &f);
    assert_int_equal(f.ps, 20);
    assert_int_equal(f.ehi, 0x00200000);
    assert_int_equal(f.lo0, 0x00200000 | TLBELO_V | TLBELO_D | TLBELO_MAT_CC);
    assert_int_equal(f.lo1, 0x00300000 | TLBELO_V | TLBELO_D | TLBELO_MAT_CC);
    /* device page: 4 KiB pair, odd half unmapped -> invalid */
    stage2_tlb_fill(&s2, 0x10000010, &f);
    assert_int_equal(f.ps, 12);
    assert_int_equal(f.ehi, 0x10000000);
    assert_int_equal(f.lo0, 0x10000000 | TLBELO_V | TLBELO_D | TLBELO_MAT_SUC | TLBELO_NX);
    assert_int_equal(f.lo1, 0);
    /* a hole (hypervisor memory): both halves invalid, so the access exits */
    stage2_tlb_fill(&s2, 0x0f000008, &f);
    assert_int_equal(f.ps, 12);
    assert_int_equal(f.lo0, 0);
    assert_int_equal(f.lo1, 0);
    /* high bits of a DMW-style address are ignored */
    stage2_tlb_fill(&s2, 0x9000000000345678UL, &f);
    assert_int_equal(f.ehi, 0x00200000);
}

/* destroy hands back every table map created, and nothing twice */
static void destroy_frees_every_table(void **state)
{
    (void)state;
    assert_true(stage2_map(&s2, 0x0, 0x0, 0x0f000000, S2_RWX));             /* blocks + pages */
    assert_true(stage2_map(&s2, 0x1fe00000, 0x1fe00000, 0x1000, S2_READ));   /* another L3 */
    assert_true(stage2_map(&s2, 0x4000000000UL, 0x80000000, 0x1000, S2_RWX)); /* another L1 */
    int made = tables_used;
    assert_true(made >= 6);
    stage2_destroy(&s2);
    assert_int_equal(tables_freed, made);
    assert_null(s2.root);
    stage2_destroy(&s2); /* twice is harmless */
    assert_int_equal(tables_freed, made);
}

/* unmap removes exactly the leaves asked for: blocks whole, pages one by one */
static void unmap_removes_leaves(void **state)
{
    (void)state;
    struct s2_leaf l;
    assert_true(stage2_map(&s2, 0x200000, 0x200000, 0x400000, S2_RWX)); /* two blocks */
    assert_true(stage2_map(&s2, 0x1fe00000, 0x1fe00000, 0x3000, S2_READ));
    stage2_unmap(&s2, 0x200000, 0x200000);
    assert_false(stage2_lookup(&s2, 0x200000, &l));
    assert_true(stage2_lookup(&s2, 0x400000, &l));
    stage2_unmap(&s2, 0x1fe01000, 0x1000);
    assert_true(stage2_lookup(&s2, 0x1fe00000, &l));
    assert_false(stage2_lookup(&s2, 0x1fe01000, &l));
    assert_true(stage2_lookup(&s2, 0x1fe02000, &l));
    /* the hole can be mapped again */
    assert_true(stage2_map(&s2, 0x1fe01000, 0x1fe01000, 0x1000, S2_READ));
    stage2_unmap(&s2, 0x1001, 0x1000); /* unaligned: ignored */
    assert_true(stage2_lookup(&s2, 0x1fe01000, &l));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(block_and_pages, setup),
        cmocka_unit_test_setup(rejects_bad_maps, setup),
        cmocka_unit_test_setup(runs_out_of_tables, setup),
        cmocka_unit_test_setup(refill_pairs, setup),
        cmocka_unit_test_setup(destroy_frees_every_table, setup),
        cmocka_unit_test_setup(unmap_removes_leaves, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
