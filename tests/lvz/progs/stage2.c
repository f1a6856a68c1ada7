/* Two-stage translation (lvz.md "Memory", A2, A3, A8.3-9): guest DA / DMW / TLB -> GPA ->
 * root entries tagged with the GID; stage-2 misses and faults; invtlb, tlbsrch, tlbrd, TRGP,
 * gtlbflush; GID isolation between two guests and from the root. */
#include "lvz.h"

extern char g_jr[], g_tlbwr_ld[], g_ld5[], g_invtlb0[], g_tlbsrch[];

static u64 pages[4][512] __attribute__((aligned(8192)));
#define PA ((u64)pages[0])
#define PB ((u64)pages[1])
#define PC ((u64)pages[2])
#define MAGIC(i) (0x5a5a000000000000UL | ((u64)(i) << 32) | 0x600d)
#define RAM (TLBELO_V | TLBELO_D | TLBELO_MAT_CC)
#define GVA 0x10000000UL
#define TLBIDX_PS12(i) ((u64)(i) | (12UL << 24))

static struct guest g1, g2;

static int hvc0(long r) { return exit_hvc(r, 0); }

/* DA-mode guest load: returns the run result; value in g->r[A0] */
static long ld(struct guest *g, u64 gid, u64 addr)
{
    guest_init(g, (void (*)(void))g_ld, gid);
    g->r[A1] = addr;
    return guest_run(g);
}

/* Paged guest load from gva through its stage-1 TLB; value in g->r[A0] */
static long s1_ld(struct guest *g, u64 gid, u64 gva)
{
    guest_init(g, 0, gid);
    guest_paged(g, g_ld5, 0, 0);
    g->r[A5] = gva;
    return guest_run(g);
}

/* The guest writes its own stage-1 entry gva -> gpa at TLB index idx, and loads through it. */
static long guest_s1(struct guest *g, u64 gid, u64 gva, u64 gpa, int idx)
{
    guest_init(g, 0, gid);
    guest_paged(g, g_tlbwr_ld, 0, 0);
    g->r[A1] = gva;
    g->r[A2] = gpa | RAM;
    g->r[A4] = TLBIDX_PS12(idx);
    g->r[A5] = gva;
    return guest_run(g);
}

static void gid_tlb_tests(void)
{
    long r;
    tlb_flush_all();
    /* rewriting a stage-2 slot retargets the GPA at once (no stale fast-path translation) */
    s2_write(0, 1, 0x48000000, PA | RAM, 0, 12);
    r = ld(&g1, 1, 0x48000000);
    CHECK_TRUE("s2_rewrite_before", hvc0(r) && g1.r[A0] == MAGIC(0), g1.r[A0]);
    s2_write(0, 1, 0x48000000, PC | RAM, 0, 12);
    r = ld(&g1, 1, 0x48000000);
    CHECK_TRUE("s2_rewrite_slot_takes_effect", hvc0(r) && g1.r[A0] == MAGIC(2), g1.r[A0]);
    /* the same for a guest rewriting its own stage-1 entry */
    r = guest_s1(&g1, 1, GVA + 0x4000, 0x48000000, 2048 + 7);
    CHECK_TRUE("s1_rewrite_before", hvc0(r) && g1.r[A0] == MAGIC(2), g1.r[A0]);
    s2_write(4, 1, 0x48010000, PB | RAM, 0, 12);
    r = guest_s1(&g1, 1, GVA + 0x4000, 0x48010000, 2048 + 7);
    CHECK_TRUE("s1_rewrite_slot_takes_effect", hvc0(r) && g1.r[A0] == MAGIC(1), g1.r[A0]);
    tlb_flush_all();

    /* same GPA, two GIDs, two hosts pages (explicit MTLB slots, never evicted by refills) */
    s2_write(0, 1, 0x48000000, PA | RAM, 0, 12);
    s2_write(1, 2, 0x48000000, PB | RAM, 0, 12);
    s2_write(2, 2, 0x48002000, PC | RAM, 0, 12);
    r = ld(&g1, 1, 0x48000000);
    CHECK_TRUE("gid_isolation_s2_guest1", hvc0(r) && g1.r[A0] == MAGIC(0), g1.r[A0]);
    r = ld(&g2, 2, 0x48000000);
    CHECK_TRUE("gid_isolation_s2_guest2", hvc0(r) && g2.r[A0] == MAGIC(1), g2.r[A0]);
    r = ld(&g1, 1, 0x48000000);
    CHECK_TRUE("gid_isolation_s2_guest1_again", hvc0(r) && g1.r[A0] == MAGIC(0), g1.r[A0]);

    /* stage 1: both guests map GVA with their own TLB entries to different GPAs */
    r = guest_s1(&g1, 1, GVA, 0x48000000, 2048 + 5);
    CHECK_TRUE("guest_tlb_entry_two_stage", hvc0(r) && g1.r[A0] == MAGIC(0), g1.r[A0]);
    r = guest_s1(&g2, 2, GVA, 0x48002000, 2048 + 6);
    CHECK_TRUE("gid_isolation_s1_guest2", hvc0(r) && g2.r[A0] == MAGIC(2), g2.r[A0]);
    r = s1_ld(&g1, 1, GVA);
    CHECK_TRUE("gid_isolation_s1_guest1_again", hvc0(r) && g1.r[A0] == MAGIC(0), g1.r[A0]);
    r = s1_ld(&g2, 2, GVA);
    CHECK_TRUE("gid_isolation_s1_guest2_again", hvc0(r) && g2.r[A0] == MAGIC(2), g2.r[A0]);

    /* guest stage-1 entries are not root entries (A8.9) */
    CHECK_EQ("guest_s1_entry_invisible_to_root_tlbsrch", !!(tlb_search(1, GVA) & TLBIDX_NE), 1);

    /* tlbsrch with TGID and tlbrd reporting the GID in TRGP */
    u64 idx = tlb_search(2, 0x48000000);
    CHECK_TRUE("tlbsrch_tgid2_hit", !(idx & TLBIDX_NE) && (idx & 0xfff) == ((2048 + 1) & 0xfff), idx);
    CHECK_EQ("tlbsrch_tgid3_miss", !!(tlb_search(3, 0x48000000) & TLBIDX_NE), 1);
    csrwr(CSR_TLBIDX, 2048 + 1);
    tlbrd();
    CHECK_EQ("tlbrd_trgp_rid_2", csrrd(CSR_TRGP), 2UL << 16);
    CHECK_EQ("tlbrd_tlbehi_gpa", csrrd(CSR_TLBEHI) & ~0x1fffUL, 0x48000000);
    CHECK_EQ("tlbrd_tlbelo0_hpa", csrrd(CSR_TLBELO0) & 0xfffffffff000UL, PB);
    CHECK_EQ("tlbrd_tlbidx_ps", TLBIDX_PS(csrrd(CSR_TLBIDX)), 12);
    csrwr(CSR_TLBIDX, 2048 + 0);
    tlbrd();
    CHECK_EQ("tlbrd_trgp_rid_1", csrrd(CSR_TRGP), 1UL << 16);

    /* a root (GID 0) mapping is invisible to a guest */
    s2_write(3, 0, 0x49000000, PA | RAM, 0, 12);
    r = ld(&g1, 1, 0x49000000);
    CHECK_TRUE("root_mapping_invisible_to_guest", exit_tlbr(r, 0x49000000), ti.kind);

    /* root invtlb 0x1 (USETGID, TGID 0) touches only GID 0 entries (A8.8) */
    invtlb(0x1, 0, 0);
    r = ld(&g1, 1, 0x48000000);
    CHECK_TRUE("invtlb_0x1_keeps_guest_entries", hvc0(r) && g1.r[A0] == MAGIC(0), g1.r[A0]);

    /* 0x13: stage-1 of one GID */
    invtlb(0x13, 1UL << 16, 0);
    r = s1_ld(&g1, 1, GVA);
    CHECK_TRUE("invtlb_0x13_drops_gid_s1", r == RUN_TRAPPED && ECODE(&ti) == ECODE_HVC &&
               (u32)ti.badi == HVCL_WORD(HVC_GTLBR) && g1.r[A0] == GVA, g1.r[A0]);
    r = s1_ld(&g2, 2, GVA);
    CHECK_TRUE("invtlb_0x13_keeps_other_gid_s1", hvc0(r) && g2.r[A0] == MAGIC(2), g2.r[A0]);

    /* gtlbflush: every stage-1 entry gone; the guest's miss goes to its own TLBRENTRY */
    gtlbflush();
    r = s1_ld(&g2, 2, GVA + 0x18);
    CHECK_TRUE("gtlbflush_guest_refill_in_guest", r == RUN_TRAPPED && ti.kind == TRAP_GENERAL &&
               (u32)ti.badi == HVCL_WORD(HVC_GTLBR) && g2.r[A0] == GVA + 0x18, g2.r[A0]);
    r = ld(&g2, 2, 0x48000000);
    CHECK_TRUE("gtlbflush_keeps_stage2", hvc0(r) && g2.r[A0] == MAGIC(1), g2.r[A0]);

    /* 0x14: stage-2 of one GID */
    invtlb(0x14, 1UL << 16, 0);
    r = ld(&g1, 1, 0x48000000);
    CHECK_TRUE("invtlb_0x14_drops_gid_s2", exit_tlbr(r, 0x48000000), ti.tlbrbadv);
    r = ld(&g2, 2, 0x48000000);
    CHECK_TRUE("invtlb_0x14_keeps_other_gid", hvc0(r) && g2.r[A0] == MAGIC(1), g2.r[A0]);

    /* 0x16: stage-2 of one GID at one address */
    invtlb(0x16, 2UL << 16, 0x48002000);
    r = ld(&g2, 2, 0x48000000);
    CHECK_TRUE("invtlb_0x16_keeps_other_page", hvc0(r) && g2.r[A0] == MAGIC(1), g2.r[A0]);
    r = ld(&g2, 2, 0x48002000);
    CHECK_TRUE("invtlb_0x16_drops_page", exit_tlbr(r, 0x48002000), ti.tlbrbadv);

    /* 0x12: everything of every guest */
    invtlb(0x12, 0, 0);
    r = ld(&g2, 2, 0x48000000);
    CHECK_TRUE("invtlb_0x12_drops_all_gids", exit_tlbr(r, 0x48000000), ti.tlbrbadv);

    /* 0x0 from root: all entries, any GID (A8.8) */
    s2_write(1, 2, 0x48000000, PB | RAM, 0, 12);
    invtlb(0x0, 0, 0);
    r = ld(&g2, 2, 0x48000000);
    CHECK_TRUE("invtlb_0x0_drops_guest_entries", exit_tlbr(r, 0x48000000), ti.tlbrbadv);

    /* guest TLB maintenance stays inside the guest's own stage-1 entries (A8.8, A8.9) */
    s2_write(0, 1, 0x48000000, PA | RAM, 0, 12);
    s2_write(2, 2, 0x48002000, PC | RAM, 0, 12);
    guest_s1(&g1, 1, GVA, 0x48000000, 2048 + 5);
    guest_s1(&g2, 2, GVA, 0x48002000, 2048 + 6);
    guest_init(&g1, (void (*)(void))g_tlbsrch, 1);
    g1.r[A1] = 0x48000000;
    r = guest_run(&g1);
    CHECK_TRUE("guest_tlbsrch_misses_stage2_entry", hvc0(r) && ((g1.r[A0] >> 31) & 1) == 1, g1.r[A0]);
    guest_init(&g1, (void (*)(void))g_tlbsrch, 1);
    g1.r[A1] = GVA;
    r = guest_run(&g1);
    CHECK_TRUE("guest_tlbsrch_finds_own_entry", hvc0(r) && ((g1.r[A0] >> 31) & 1) == 0 &&
               (g1.r[A0] & 0xfff) == ((2048 + 5) & 0xfff), g1.r[A0]);
    guest_init(&g1, (void (*)(void))g_invtlb0, 1);
    r = guest_run(&g1);
    CHECK_TRUE("guest_invtlb_0_runs", hvc0(r), ECODE(&ti));
    r = s1_ld(&g2, 2, GVA);
    CHECK_TRUE("guest_invtlb_0_keeps_other_gid_s1", hvc0(r) && g2.r[A0] == MAGIC(2), g2.r[A0]);
    CHECK_EQ("guest_invtlb_0_keeps_stage2", !!(tlb_search(1, 0x48000000) & TLBIDX_NE), 0);
    r = s1_ld(&g1, 1, GVA);
    CHECK_TRUE("guest_invtlb_0_drops_own_s1", r == RUN_TRAPPED && (u32)ti.badi == HVCL_WORD(HVC_GTLBR), ti.badi);
}

void tests(void)
{
    long r;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 512; j++)
            pages[i][j] = MAGIC(i) + (u64)j * 8;

    /* stage-2 regions refilled by the TLBR handler (4 KiB pages, tlbfill with TGID) */
    guest_init(&g1, 0, 1);
    s2_add(1, 0x40000000, PA, 0x1000, RAM);
    s2_add(1, 0x40002000, PB, 0x1000, RAM);
    int inv = s2_nr;
    s2_add(1, 0x40004000, PC, 0x2000, TLBELO_MAT_CC);        /* invalid */
    s2_add(1, 0x40006000, PB, 0x2000, TLBELO_V | TLBELO_MAT_CC); /* read-only (clean) */

    u64 before = s2_refills;
    r = ld(&g1, 1, 0x40000000);
    CHECK_TRUE("s2_guest_da_gpa_translated", hvc0(r) && g1.r[A0] == MAGIC(0), g1.r[A0]);
    CHECK_TRUE("s2_refill_via_root_tlbr", s2_refills > before, s2_refills - before);
    /* the refill's tlbfill tagged the entry with TGID = 1 */
    u64 idx = tlb_search_read(1, 0x40000000);
    CHECK_TRUE("tlbfill_tagged_with_tgid", !(idx & TLBIDX_NE) && csrrd(CSR_TRGP) == 1UL << 16, csrrd(CSR_TRGP));

    guest_init(&g1, 0, 1);
    guest_paged(&g1, g_ld, 0, 0);
    g1.r[A1] = DMW_CODE | 0x40000010;
    r = guest_run(&g1);
    CHECK_TRUE("s2_guest_dmw_gpa_translated", hvc0(r) && g1.r[A0] == MAGIC(0) + 0x10, g1.r[A0]);
    CHECK_EQ("exit_era_is_guest_va", ti.era, DMW_CODE | ((u64)g_ld + 4));

    /* stage-2 miss: root TLB refill with TLBRBADV = GPA, TLBRERA = guest PC */
    r = ld(&g1, 1, 0x50000008);
    CHECK_TRUE("s2_miss_is_root_tlbr", r == RUN_TRAPPED && ti.kind == TRAP_TLBR, ti.kind);
    CHECK_EQ("s2_miss_tlbrbadv_gpa", ti.tlbrbadv, 0x50000008);
    CHECK_EQ("s2_miss_tlbrera_guest_pc", ti.tlbrera & ~3UL, (u64)g_ld);
    CHECK_EQ("s2_miss_tlbrera_istlbr", ti.tlbrera & 1, 1);
    CHECK_EQ("s2_miss_tlbrehi_vppn", ti.tlbrehi & 0xffffffffe000UL, 0x50000000);
    guest_init(&g1, 0, 1);
    guest_paged(&g1, g_ld, 0, 0);
    g1.r[A1] = DMW_CODE | 0x50002000;
    r = guest_run(&g1);
    CHECK_TRUE("s2_miss_via_dmw_tlbrbadv_gpa", exit_tlbr(r, 0x50002000), ti.tlbrbadv);
    CHECK_EQ("s2_miss_via_dmw_tlbrera_gva", ti.tlbrera & ~3UL, DMW_CODE | (u64)g_ld);

    /* invalid / read-only stage-2 entries: PIL / PIS / PIF / PME with BADV = GPA */
    r = ld(&g1, 1, 0x40004010);
    CHECK_TRUE("s2_invalid_load_pil", r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == ECODE_PIL, ECODE(&ti));
    CHECK_EQ("s2_pil_badv_gpa", ti.badv, 0x40004010);
    CHECK_EQ("s2_pil_era_guest_pc", ti.era, (u64)g_ld);
    CHECK_EQ("s2_pil_badi_load_word", (u32)ti.badi, insn_word(g_ld));
    CHECK_EQ("s2_pil_gstat_pvm", ti.gstat & (GSTAT_PVM | GSTAT_VM), GSTAT_PVM);
    /* from a paged guest: BADV is the GPA, ERA the GVA, BADI fetched through the guest's view */
    guest_init(&g1, 0, 1);
    guest_paged(&g1, g_ld, 0, 0);
    g1.r[A1] = DMW_CODE | 0x40004018;
    r = guest_run(&g1);
    CHECK_TRUE("s2_pil_paged_guest", r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == ECODE_PIL, ECODE(&ti));
    CHECK_EQ("s2_pil_paged_badv_gpa", ti.badv, 0x40004018);
    CHECK_EQ("s2_pil_paged_era_gva", ti.era, DMW_CODE | (u64)g_ld);
    CHECK_EQ("s2_pil_paged_badi", (u32)ti.badi, insn_word(g_ld));
    guest_init(&g1, (void (*)(void))g_st, 1);
    g1.r[A1] = 0x40005008;
    g1.r[A2] = 1;
    r = guest_run(&g1);
    CHECK_TRUE("s2_invalid_store_pis", r == RUN_TRAPPED && ECODE(&ti) == ECODE_PIS && ti.badv == 0x40005008, ECODE(&ti));
    CHECK_EQ("s2_pis_badi_store_word", (u32)ti.badi, insn_word(g_st));
    guest_init(&g1, (void (*)(void))g_jr, 1);
    g1.r[A1] = 0x40004000;
    r = guest_run(&g1);
    CHECK_TRUE("s2_invalid_fetch_pif", r == RUN_TRAPPED && ECODE(&ti) == ECODE_PIF, ECODE(&ti));
    CHECK_EQ("s2_pif_badv_gpa", ti.badv, 0x40004000);
    CHECK_EQ("s2_pif_era_target", ti.era, 0x40004000);
    CHECK_EQ("s2_pif_badi_zero", ti.badi, 0); /* A8.16 */
    r = ld(&g1, 1, 0x40006020);
    CHECK_TRUE("s2_readonly_load_ok", hvc0(r) && g1.r[A0] == MAGIC(1) + 0x20, g1.r[A0]);
    guest_init(&g1, (void (*)(void))g_st, 1);
    g1.r[A1] = 0x40006028;
    g1.r[A2] = 7;
    r = guest_run(&g1);
    CHECK_TRUE("s2_readonly_store_pme", r == RUN_TRAPPED && ECODE(&ti) == ECODE_PME && ti.badv == 0x40006028, ECODE(&ti));
    CHECK_EQ("s2_pme_no_write", pages[1][5], MAGIC(1) + 0x28);

    /* fixing the table is not enough (the invalid entry is cached) until invtlb 0x16 */
    s2map[inv].elo_flags = RAM;
    r = ld(&g1, 1, 0x40004010);
    CHECK_TRUE("s2_stale_invalid_entry_persists", r == RUN_TRAPPED && ECODE(&ti) == ECODE_PIL, ECODE(&ti));
    invtlb(0x16, 1UL << 16, 0x40004000);
    r = ld(&g1, 1, 0x40004010);
    CHECK_TRUE("invtlb_0x16_then_refill_ok", hvc0(r) && g1.r[A0] == MAGIC(2) + 0x10, g1.r[A0]);

    /* root DMWs never apply to GPAs (A8.6): a root DMW covering segment 0 changes nothing */
    csrwr(CSR_DMW0, DMW_MAT_CC | DMW_PLV0);
    r = ld(&g1, 1, 0x50000010);
    u64 k1 = ti.kind, b1 = ti.tlbrbadv;
    long r2 = ld(&g1, 1, 0x40000018);
    csrwr(CSR_DMW0, 0);
    CHECK_TRUE("root_dmw_not_applied_to_gpa_miss", r == RUN_TRAPPED && k1 == TRAP_TLBR && b1 == 0x50000010, b1);
    CHECK_TRUE("root_dmw_not_applied_to_gpa_hit", hvc0(r2) && g1.r[A0] == MAGIC(0) + 0x18, g1.r[A0]);

    gid_tlb_tests();
}
