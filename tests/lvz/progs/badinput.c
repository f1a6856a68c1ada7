/* Bad input (issue 3 "Bad input"): hvcl storms, garbage guest CSRs, a stage-2 table mapped
 * into the guest it translates. Each case must end in the architectural exception, never a hang. */
#include "lvz.h"

extern char g_storm[], g_sys[];

static struct guest g;
static u64 page[512] __attribute__((aligned(4096)));
static volatile u64 storm_count;
#define RAM (TLBELO_V | TLBELO_D | TLBELO_MAT_CC)
/* The highest 4 KiB page a PALEN = 48 physical address reaches. */
#define GARBAGE_TLBRENTRY 0xfffffffff000UL
/* The highest 4 KiB page a PALEN = 48 physical address reaches. */
#define GARBAGE_TLBRENTRY 0xfffffffff000UL


/* Fast path: answer hvcl 1 inside the exception handler and ertn straight back (A6: ERA += 4). */
static int storm_hook(volatile struct trapinfo *t)
{
    if (t->kind == TRAP_GENERAL && ECODE(t) == ECODE_HVC && (u32)t->badi == HVCL_WORD(1)) {
        storm_count++;
        csrwr(CSR_ERA, t->era + 4);
        return 1;
    }
    return 0;
}

static void storms(void)
{
    long r;
    guest_init(&g, (void (*)(void))g_storm, 1);
    g.r[A1] = 10000;
    storm_count = 0;
    trap_hook = storm_hook;
    r = guest_run(&g);
    trap_hook = 0;
    CHECK_TRUE("hvcl_storm_10000_in_handler", exit_hvc(r, 0) && storm_count == 10000 && g.r[A1] == 0, storm_count);

    guest_init(&g, (void (*)(void))g_storm, 1);
    g.r[A1] = 10000;
    u64 n = 0;
    r = guest_run(&g);
    while (exit_hvc(r, 1) && n < 20000) {
        n++;
        r = guest_resume_next(&g);
    }
    CHECK_TRUE("hvcl_storm_10000_world_switches", exit_hvc(r, 0) && n == 10000 && ti.era == (u64)g_storm + 12, n);
}

void tests(void)
{
    long r;
    for (int i = 0; i < 512; i++)
        page[i] = 0x00005a5a5a5a5000UL;
    storms();

    /* garbage guest PGD: the guest's own refill handler walks it; its lddir reads GPA
     * PGD + 8 * dir1 index through stage 2 (A8.7) and misses there */
    guest_init(&g, 0, 1);
    guest_paged(&g, g_ld, g_walk_tlbr, 0x3f00000000UL);
    g.r[A1] = 0x10000000;
    r = guest_run(&g);
    CHECK_TRUE("garbage_pgd_lddir_stage2_miss", exit_tlbr(r, 0x3f00000000UL + 0x80 * 8), ti.tlbrbadv);
    CHECK_EQ("garbage_pgd_tlbrera_is_lddir", ti.tlbrera & ~3UL, (u64)g_walk_tlbr + 8);

    /* guest PGD pointing at a page of garbage entries: ldpte reads through stage 2 at the
     * garbage address */
    s2_add(1, 0x40000000, (u64)page, 0x1000, RAM);
    guest_init(&g, 0, 1);
    guest_paged(&g, g_ld, g_walk_tlbr, 0x40000000);
    g.r[A1] = 0x10000000;
    r = guest_run(&g);
    CHECK_TRUE("garbage_pte_ldpte_stage2_miss", exit_tlbr(r, 0x00005a5a5a5a5000UL), ti.tlbrbadv);

    /* garbage DMW0 (all ones): still a GPA that goes through stage 2 (A8.6) */
    guest_init(&g, 0, 1);
    guest_paged(&g, g_ld, 0, 0);
    gcsrwr(CSR_DMW1, gcsrrd(CSR_DMW0)); /* the code window moves to DMW1 */
    gcsrwr(CSR_DMW0, ~0UL);
    g.r[A1] = 0xf000000050000000UL;
    r = guest_run(&g);
    CHECK_TRUE("garbage_dmw_gpa_stage2_miss", exit_tlbr(r, 0x50000000), ti.tlbrbadv);
    g.pc = DMW_CODE | (u64)g_ld;
    g.r[A1] = 0xf000000040000008UL;
    r = guest_run(&g);
    CHECK_TRUE("garbage_dmw_gpa_mapped", exit_hvc(r, 0) && g.r[A0] == 0x00005a5a5a5a5000UL, g.r[A0]);

    /* garbage guest EENTRY: the guest's exception vector fetch misses in stage 2 */
    guest_init(&g, (void (*)(void))g_sys, 1);
    gcsrwr(CSR_EENTRY, 0x3f00001000UL);
    r = guest_run(&g);
    CHECK_TRUE("garbage_eentry_fetch_stage2_miss", exit_tlbr(r, 0x3f00001000UL), ti.tlbrbadv);

    /* the guest's control CSRs all ones in every field (the mode a legal one: paged, PLV3,
     * IE, every line enabled, widest vector spacing; the entries as far up as their address
     * fields go): the fetch of g_sys misses the empty guest TLB, the guest's refill fetches
     * from its TLBRENTRY, a physical address, and that GPA misses stage 2 */
    tlb_flush_all();
    guest_init(&g, (void (*)(void))g_sys, 1);
    gcsrwr(CSR_CRMD, CRMD_PLV_MASK | CRMD_IE | CRMD_PG | 0x3e0); /* DATF, DATM, WE */
    gcsrwr(CSR_ECFG, ECFG_VS_MASK | ECFG_LIE_MASK);
    gcsrwr(CSR_EENTRY, ~0xfffUL);
    gcsrwr(CSR_TLBRENTRY, GARBAGE_TLBRENTRY);
    gcsrwr(CSR_PGDL, ~0xfffUL);
    gcsrwr(CSR_PWCTL0, ~0UL);
    gcsrwr(CSR_STLBPS, 0x3f);
    r = guest_run(&g);
    CHECK_TRUE("garbage_guest_csrs_refill_stage2_miss", exit_tlbr(r, GARBAGE_TLBRENTRY), ti.tlbrbadv);

    /* stage-2 entry pointing at no memory: the host side of the access fails, which is the
     * root's: ADEM with BADV = the guest's address (emulator/docs/semantics.md) */
    guest_init(&g, (void (*)(void))g_ld, 1);
    s2_write(0, 1, 0x70000000, 0xfffffff000UL | RAM, 0, 12);
    g.r[A1] = 0x70000000;
    r = guest_run(&g);
    CHECK_TRUE("s2_entry_to_no_memory_adem", exit_fault(r, ECODE_ADE, 0x70000000) &&
               ESUBCODE(&ti) == ESUBCODE_ADEM && ti.era == (u64)g_ld, ti.estat);

    /* self-referencing stage 2: the table the refill handler reads is mapped into the guest */
    int self = s2_nr;
    s2_add(1, 0x60000000, (u64)s2map, 0x1000, RAM);
    guest_init(&g, (void (*)(void))g_ld, 1);
    g.r[A1] = 0x60000000;
    r = guest_run(&g);
    CHECK_TRUE("s2_self_map_reads_table", exit_hvc(r, 0) && g.r[A0] == s2map[0].gpa, g.r[A0]);
    /* the guest clears V in the entry for GPA 0x40000000 (region `self - 1`) */
    guest_init(&g, (void (*)(void))g_st, 1);
    g.r[A1] = 0x60000000 + (u64)(self - 1) * sizeof(struct s2region) + 3 * 8;
    g.r[A2] = TLBELO_MAT_CC;
    r = guest_run(&g);
    CHECK_TRUE("s2_self_map_guest_writes_table", exit_hvc(r, 0) && s2map[self - 1].elo_flags == TLBELO_MAT_CC, s2map[self - 1].elo_flags);
    invtlb(0x14, 1UL << 16, 0);
    guest_init(&g, (void (*)(void))g_ld, 1);
    g.r[A1] = 0x40000000;
    r = guest_run(&g);
    CHECK_TRUE("s2_self_map_result_is_pil", exit_fault(r, ECODE_PIL, 0x40000000), ECODE(&ti));
}
