/* lvz=off (or a CPU without LVZ): CPUCFG2.LVZP clear and every LVZ instruction raises INE. */
#include "lvz.h"

extern char off_plv3_csrrd[], off_plv3_gcsrrd[], off_syscall[];
extern char off_gcsrrd[], off_gcsrwr[], off_gcsrxchg[], off_gtlbflush[], off_hvcl[], off_invtlb12[];

static void expect_ine(const char *name, char *fn, u32 word)
{
    long r = run_catch((void (*)(void *))fn, 0);
    int ok = r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == ECODE_INE &&
             ti.era == (u64)fn && (u32)ti.badi == word;
    check(name, ok, "ecode", r == RUN_TRAPPED ? ECODE(&ti) : 0xdead, ECODE_INE);
}

/* resume a root syscall in the handler at ERA + 4: exercises the ertn path of the vectors */
static int sys_hook(volatile struct trapinfo *t)
{
    if (ECODE(t) != ECODE_SYS)
        return 0;
    csrwr(CSR_ERA, t->era + 4);
    return 1;
}

void tests(void)
{
    u32 c2 = cpucfg(2);
    CHECK_EQ("off_cpucfg2_lvzp_clear", (c2 >> 10) & 1, 0);
    CHECK_EQ("off_cpucfg2_lvzver_zero", (c2 >> 11) & 7, 0);
    /* upstream QEMU reads undefined CSRs as 0 and drops writes: lvz=off must match */
    csrwr(CSR_GSTAT, 0xff0002);
    CHECK_EQ("off_gstat_reads_0_like_upstream", csrrd(CSR_GSTAT), 0);
    csrwr(CSR_GCNTC, 0x1234);
    CHECK_EQ("off_gcntc_reads_0_like_upstream", csrrd(CSR_GCNTC), 0);
    /* upstream QEMU 10.0 drops csrwr STLBPS; only lvz=on stores it */
    csrwr(CSR_STLBPS, 14);
    CHECK_EQ("off_stlbps_write_dropped_like_upstream", csrrd(CSR_STLBPS), 12);
    expect_ine("off_gcsrrd_ine", off_gcsrrd, 0x05001404);
    expect_ine("off_gcsrwr_ine", off_gcsrwr, 0x0500c024);
    expect_ine("off_gcsrxchg_ine", off_gcsrxchg, 0x050010c4);
    expect_ine("off_gtlbflush_ine", off_gtlbflush, 0x06482401);
    expect_ine("off_hvcl_ine", off_hvcl, 0x002b8100);
    expect_ine("off_invtlb_0x12_ine", off_invtlb12, 0x06498000 | 0x12);

    long r = run_plv3((void (*)(void))off_plv3_csrrd);
    CHECK_TRUE("framework_plv3_csrrd_ipe", r == RUN_TRAPPED && ECODE(&ti) == ECODE_IPE && ti.era == (u64)off_plv3_csrrd,
               ECODE(&ti));
    r = run_plv3((void (*)(void))off_plv3_gcsrrd);
    CHECK_TRUE("off_plv3_gcsrrd_ine", r == RUN_TRAPPED && ECODE(&ti) == ECODE_INE && ti.era == (u64)off_plv3_gcsrrd,
               ECODE(&ti));
    trap_hook = sys_hook;
    r = run_catch((void (*)(void *))off_syscall, 0);
    trap_hook = 0;
    CHECK_TRUE("framework_trap_resume", r == RUN_RETURNED && ECODE(&ti) == ECODE_SYS && trap_regs[A0] == 1, r);
}
