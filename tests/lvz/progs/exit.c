/* Guest entry by ertn with GSTAT.PVM, exit state, HVC and GSPR exits, and what a guest
 * or a PLV3 root must not be able to do (lvz.md A2, A6, A8.1, A8.12). */
#include "lvz.h"

extern char g_hvcl[], g_regs[], g_csrview[], g_cpucfg[], g_idle[], g_cacop[], g_iocsrrd[],
    g_iocsrwr[], g_ks8[], g_gstat[], g_gcfg[], g_gtlbc[], g_merrctl[], g_impctl1[], g_debug[],
    g_db0addr[], g_gcsrrd[], g_gtlbflush[], g_syscall[], g_plv3_hvcl[], g_plv3_csrrd[],
    g_plv3_cpucfg[], g_csrwr_gstat[], g_after[], p3_hvcl[], p3_csrrd[], p3_cpucfg[];
extern char r_sys[], g_fp[], g_tlbsrch[], g_invtlb12[], g_plv3_idle[], p3_idle[];
extern char r3_gcsrrd[], r3_gcsrwr[], r3_gcsrxchg[], r3_gtlbflush[], r_hvcl[];

static struct guest g;

static int sys_resume(volatile struct trapinfo *t)
{
    if (ECODE(t) != ECODE_SYS)
        return 0;
    /* checked from t->gstat afterwards; cleared here so a wrong PVM cannot send this
     * ertn into guest mode and wedge the run */
    csrxchg(CSR_GSTAT, 0, GSTAT_PVM);
    csrwr(CSR_ERA, t->era + 4);
    return 1;
}

static long start(char *entry)
{
    guest_init(&g, (void (*)(void))entry, 1);
    return guest_run(&g);
}

/* A trapped instruction: GSPR exit, ERA = it, BADI = its word. */
static void expect_gspr_from(const char *name, char *entry, char *insn)
{
    long r = start(entry);
    int ok = r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == ECODE_GSPR &&
             ti.era == (u64)insn && (u32)ti.badi == insn_word(insn);
    check(name, ok, "ecode", ECODE(&ti), ECODE_GSPR);
}

static void expect_gspr(const char *name, char *insn)
{
    expect_gspr_from(name, insn, insn);
}

/* The guest took exception `ec` itself: its own EENTRY reporter exited with hvcl 0x7f1. */
static void expect_guest_exc(const char *name, char *entry, char *insn, u64 ec)
{
    long r = start(entry);
    int ok = exit_hvc(r, HVC_GEXC) && ((g.r[A0] & ESTAT_ECODE_MASK) >> ESTAT_ECODE_SHIFT) == ec && g.r[A1] == (u64)insn;
    check(name, ok, "guest ESTAT.Ecode", (g.r[A0] >> 16) & 0x3f, ec);
}

static void expect_root_trap(const char *name, long r, char *insn, u64 ec)
{
    int ok = r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == ec && ti.era == (u64)insn;
    check(name, ok, "ecode", ECODE(&ti), ec);
}

void tests(void)
{
    long r;

    /* hvcl: HVC exit, ERA = hvcl, BADI = its word, PVM recorded, VM clear in root */
    r = start(g_hvcl);
    CHECK_TRUE("hvc_exit_ecode_23", exit_hvc(r, 0x5a), ECODE(&ti));
    CHECK_EQ("hvc_exit_era_is_hvcl", ti.era, (u64)g_hvcl);
    CHECK_EQ("hvc_exit_badi_is_word", (u32)ti.badi, HVCL_WORD(0x5a));
    CHECK_EQ("exit_gstat_pvm_set", ti.gstat & GSTAT_PVM, GSTAT_PVM);
    CHECK_EQ("exit_gstat_vm_clear", ti.gstat & GSTAT_VM, 0);
    CHECK_EQ("exit_gstat_gid_kept", (ti.gstat >> 16) & 0xff, 1);
    CHECK_EQ("exit_root_crmd_plv0_ie0", ti.crmd & 7, 0);
    CHECK_EQ("exit_root_prmd_pie_from_entry", (ti.prmd >> 2) & 1, 1);
    r = guest_resume_next(&g);
    CHECK_TRUE("hvc_resume_at_era_plus_4", exit_hvc(r, 0) && ti.era == (u64)g_hvcl + 4, ti.era);

    /* registers go in and come out live */
    guest_init(&g, (void (*)(void))g_regs, 1);
    g.r[A0] = 0x1234;
    g.r[A7] = 0x100;
    r = guest_run(&g);
    CHECK_TRUE("entry_gprs_loaded_exit_gprs_live", exit_hvc(r, 0) && g.r[A0] == 0x1235 && g.r[A7] == 0xff,
               g.r[A0]);

    /* ertn with PVM=1 really enters guest mode: csrrd sees the guest CSR file */
    guest_init(&g, (void (*)(void))g_csrview, 1);
    gcsrwr(CSR_KS0, 0x5a5a0001);
    gcsrwr(CSR_CRMD, 0x8 | (1 << 5));
    r = guest_run(&g);
    CHECK_TRUE("ertn_pvm_enters_guest_ks0", exit_hvc(r, 0) && g.r[A0] == 0x5a5a0001, g.r[A0]);
    CHECK_EQ("ertn_pvm_enters_guest_crmd", g.r[A1] & 0x1ff, 0x8 | (1 << 5));
    CHECK_EQ("root_pvm_cleared_after_exit", csrrd(CSR_GSTAT) & (GSTAT_PVM | GSTAT_VM), 0);

    /* GSPR exits */
    expect_gspr("gspr_cpucfg", g_cpucfg);
    g.pc += 4; /* root emulates and advances ERA */
    r = guest_run(&g);
    CHECK_TRUE("gspr_resume_at_era_plus_4", exit_hvc(r, 0) && ti.era == (u64)g_after, ti.era);
    expect_gspr("gspr_idle", g_idle);
    expect_gspr("gspr_cacop_gci_all", g_cacop);
    expect_gspr("gspr_iocsrrd_w", g_iocsrrd);
    expect_gspr("gspr_iocsrwr_d", g_iocsrwr);
    expect_gspr("gspr_unimpl_csr_ks8", g_ks8);
    expect_gspr("gspr_sw_csr_merrctl", g_merrctl);
    expect_gspr("gspr_sw_csr_impctl1_write", g_impctl1);
    expect_gspr("gspr_sw_csr_debug", g_debug);
    expect_gspr("gspr_sw_csr_db0addr_xchg", g_db0addr);

    /* a guest cannot see root LVZ state: csrrd GSTAT/GCFG/GTLBC traps instead of reading it */
    csrxchg(CSR_GCFG, 0x10, 0x30);
    expect_gspr("guest_csrrd_gstat_traps", g_gstat);
    expect_gspr("guest_csrrd_gcfg_traps", g_gcfg);
    expect_gspr("guest_csrrd_gtlbc_traps", g_gtlbc);
    guest_init(&g, (void (*)(void))g_csrwr_gstat, 1);
    g.r[A0] = 0xff0003;
    r = guest_run(&g);
    CHECK_TRUE("guest_csrwr_gstat_traps", r == RUN_TRAPPED && ECODE(&ti) == ECODE_GSPR, ECODE(&ti));
    CHECK_EQ("guest_csrwr_gstat_no_effect", (csrrd(CSR_GSTAT) >> 16) & 0xff, 1);

    /* LVZ instructions in guest mode: INE delivered to the guest, not an exit */
    expect_guest_exc("guest_gcsrrd_ine_to_guest", g_gcsrrd, g_gcsrrd, ECODE_INE);
    expect_guest_exc("guest_gtlbflush_ine_to_guest", g_gtlbflush, g_gtlbflush, ECODE_INE);
    /* the guest's own exceptions stay in the guest */
    expect_guest_exc("guest_syscall_to_guest_eentry", g_syscall, g_syscall, ECODE_SYS);
    /* FP disabled: guest EUEN first (FPD to the guest), then root EUEN (FPD exit), A8.13 */
    csrwr(CSR_EUEN, 0);
    expect_guest_exc("guest_euen_fpd_to_guest", g_fp, g_fp, ECODE_FPD);
    guest_init(&g, (void (*)(void))g_fp, 1);
    gcsrwr(CSR_EUEN, 1);
    r = guest_run(&g);
    CHECK_TRUE("root_euen_fpd_exit", r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == ECODE_FPD &&
               ti.era == (u64)g_fp, ECODE(&ti));
    csrwr(CSR_EUEN, 1);
    g.pc = (u64)g_fp;
    r = guest_run(&g);
    CHECK_TRUE("fp_enabled_both_runs", exit_hvc(r, 0), ECODE(&ti));
    csrwr(CSR_EUEN, 0);

    /* GTLBC.TOTI = 1 makes guest TLB instructions trap (A8.9); guest invtlb ops above 6
     * are INE in the guest (A8.8) */
    guest_gtlbc_extra = GTLBC_TOTI;
    expect_gspr("gtlbc_toti_guest_tlbsrch_gspr", g_tlbsrch);
    guest_gtlbc_extra = 0;
    r = start(g_tlbsrch);
    CHECK_TRUE("gtlbc_toti_off_guest_tlbsrch_runs", exit_hvc(r, 0), ECODE(&ti));
    expect_guest_exc("guest_invtlb_0x12_ine_to_guest", g_invtlb12, g_invtlb12, ECODE_INE);
    expect_guest_exc("guest_plv3_idle_ipe", g_plv3_idle, p3_idle, ECODE_IPE);

    /* guest PLV3: hvcl and csr ops give IPE to the guest, CPUCFG still exits */
    expect_guest_exc("guest_plv3_hvcl_ipe", g_plv3_hvcl, p3_hvcl, ECODE_IPE);
    expect_guest_exc("guest_plv3_csrrd_ipe", g_plv3_csrrd, p3_csrrd, ECODE_IPE);
    expect_gspr_from("guest_plv3_cpucfg_gspr", g_plv3_cpucfg, p3_cpucfg);

    /* root side: hvcl is INE in root mode; LVZ instructions are IPE at PLV3 */
    r = run_catch((void (*)(void *))r_hvcl, 0);
    expect_root_trap("root_hvcl_ine", r, r_hvcl, ECODE_INE);
    r = run_plv3((void (*)(void))r3_gcsrrd);
    expect_root_trap("plv3_gcsrrd_ipe", r, r3_gcsrrd, ECODE_IPE);
    r = run_plv3((void (*)(void))r3_gcsrwr);
    expect_root_trap("plv3_gcsrwr_ipe", r, r3_gcsrwr, ECODE_IPE);
    r = run_plv3((void (*)(void))r3_gcsrxchg);
    expect_root_trap("plv3_gcsrxchg_ipe", r, r3_gcsrxchg, ECODE_IPE);
    r = run_plv3((void (*)(void))r3_gtlbflush);
    expect_root_trap("plv3_gtlbflush_ipe", r, r3_gtlbflush, ECODE_IPE);

    /* A8.1: a root exception sets PVM := VM (0), so its ertn returns to root even if the
     * hypervisor left PVM = 1 after an exit */
    start(g_hvcl);
    csrxchg(CSR_GSTAT, GSTAT_PVM, GSTAT_PVM);
    trap_hook = sys_resume;
    r = run_catch((void (*)(void *))r_sys, 0);
    trap_hook = 0;
    CHECK_TRUE("root_exception_taken_and_resumed", r == RUN_RETURNED && ECODE(&ti) == ECODE_SYS, r);
    CHECK_EQ("root_exception_sets_pvm_from_vm", ti.gstat & (GSTAT_PVM | GSTAT_VM), 0);
}
