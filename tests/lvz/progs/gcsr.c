/* The guest CSR file (lvz.md A1): gcsrwr/gcsrrd on every HW_GCSR, gcsrxchg masks,
 * independence from the root CSRs, and what the guest itself sees. */
#include "lvz.h"

struct rt { const char *name; u64 val, want; int num; };

/* Values stay inside each CSR's architectural fields (LoongArch vol. 1 ch. 7), so the
 * read back must equal what was written unless noted. */
#define R(n, num, v, w) { "gcsr_rt_" n, v, w, num }
static const struct rt table[] = {
    R("crmd", 0x0, 0x115, 0x115),
    R("prmd", 0x1, 0x7, 0x7),
    R("euen", 0x2, 0x1, 0x1),
    R("misc", 0x3, 0x7000, 0x7000),
    R("ecfg", 0x4, 0x11bff, 0x11bff),
    R("era", 0x6, 0x123456789abcUL, 0x123456789abcUL),
    R("badv", 0x7, 0xdeadbeef000UL, 0xdeadbeef000UL),
    R("badi", 0x8, 0x12345678, 0x12345678),
    R("eentry", 0xc, 0x123000, 0x123000),
    R("tlbidx", 0x10, 0x8c000005UL, 0x8c000005UL),
    R("tlbehi", 0x11, 0x12345e000UL, 0x12345e000UL),
    R("tlbelo0", 0x12, 0x6000000012345053UL, 0x6000000012345053UL),
    R("tlbelo1", 0x13, 0x4000000054321013UL, 0x4000000054321013UL),
    R("pgdl", 0x19, 0x1234000, 0x1234000),
    R("pgdh", 0x1a, 0x9000000004321000UL, 0x9000000004321000UL),
    R("pwctl0", 0x1c, 12 | 9 << 5 | 21 << 10 | 9 << 15 | 30 << 20 | 9 << 25, 12 | 9 << 5 | 21 << 10 | 9 << 15 | 30 << 20 | 9 << 25),
    R("pwctl1", 0x1d, 39 | 9 << 6, 39 | 9 << 6),
    R("stlbps", 0x1e, 14, 14),
    R("rvacfg", 0x1f, 3, 3),
    R("cpuid", 0x20, 5, 5),
    R("ks0", 0x30, 0x1111111111111110UL, 0x1111111111111110UL),
    R("ks1", 0x31, 0x2222222222222221UL, 0x2222222222222221UL),
    R("ks2", 0x32, 0x3333333333333332UL, 0x3333333333333332UL),
    R("ks3", 0x33, 0x4444444444444443UL, 0x4444444444444443UL),
    R("ks4", 0x34, 0x5555555555555554UL, 0x5555555555555554UL),
    R("ks5", 0x35, 0x6666666666666665UL, 0x6666666666666665UL),
    R("ks6", 0x36, 0x7777777777777776UL, 0x7777777777777776UL),
    R("ks7", 0x37, 0x8888888888888887UL, 0x8888888888888887UL),
    R("tmid", 0x40, 0x1234, 0x1234),
    R("tcfg", 0x41, 0x1000, 0x1000),
    R("tval_timer_off", 0x42, 0x5000, 0x5000),
    R("cntc", 0x43, 0x777, 0x777),
    R("tlbrentry", 0x88, 0x5000, 0x5000),
    R("tlbrbadv", 0x89, 0xabcdef008UL, 0xabcdef008UL),
    R("tlbrera", 0x8a, 0x1234564, 0x1234564),
    R("tlbrsave", 0x8b, 0xfedcba9876543210UL, 0xfedcba9876543210UL),
    R("tlbrelo0", 0x8c, 0x12345053, 0x12345053),
    R("tlbrelo1", 0x8d, 0x54321013, 0x54321013),
    R("tlbrehi", 0x8e, 0x12345e00cUL, 0x12345e00cUL),
    R("tlbrprmd", 0x8f, 0x7, 0x7),
    R("dmw0", 0x180, 0x9000000000000011UL, 0x9000000000000011UL),
    R("dmw1", 0x181, 0x8000000000000001UL, 0x8000000000000001UL),
    R("dmw2", 0x182, 0xa000000000000029UL, 0xa000000000000029UL),
    R("dmw3", 0x183, 0xb000000000000019UL, 0xb000000000000019UL),
};

/* gcsrwr/gcsrrd need the CSR number as an immediate: one switch arm per number. */
#define CASE(n) case n: old = gcsrwr(n, v); *rd = gcsrrd(n); break;
static u64 wr_rd(int num, u64 v, u64 *rd)
{
    u64 old = 0;
    switch (num) {
    CASE(0x0) CASE(0x1) CASE(0x2) CASE(0x3) CASE(0x4) CASE(0x6) CASE(0x7) CASE(0x8) CASE(0xc)
    CASE(0x10) CASE(0x11) CASE(0x12) CASE(0x13) CASE(0x19) CASE(0x1a) CASE(0x1c) CASE(0x1d)
    CASE(0x1e) CASE(0x1f) CASE(0x20) CASE(0x30) CASE(0x31) CASE(0x32) CASE(0x33) CASE(0x34)
    CASE(0x35) CASE(0x36) CASE(0x37) CASE(0x40) CASE(0x41) CASE(0x42) CASE(0x43) CASE(0x88)
    CASE(0x89) CASE(0x8a) CASE(0x8b) CASE(0x8c) CASE(0x8d) CASE(0x8e) CASE(0x8f) CASE(0x180)
    CASE(0x181) CASE(0x182) CASE(0x183)
    default: *rd = ~0UL;
    }
    return old;
}

extern char g_read_ks[];

void tests(void)
{
    u64 rd;
    struct guest g;

    csrwr(CSR_GSTAT, 1UL << 16);
    for (unsigned i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        wr_rd(table[i].num, table[i].val, &rd);
        CHECK_EQ(table[i].name, rd, table[i].want);
    }

    /* ASID: ASID[9:0] rw, ASIDBITS[23:16] = 10 read-only */
    gcsrwr(CSR_ASID, 0xff0155);
    CHECK_EQ("gcsr_rt_asid", gcsrrd(CSR_ASID), 0xa0155);
    /* LLBCTL: KLO[2] rw, WCLLB[1] reads 0 */
    gcsrwr(CSR_LLBCTL, 0x4);
    CHECK_EQ("gcsr_rt_llbctl_klo", gcsrrd(CSR_LLBCTL) & 0x6, 0x4);
    gcsrwr(CSR_LLBCTL, 0);
    CHECK_EQ("gcsr_rt_llbctl_clear", gcsrrd(CSR_LLBCTL) & 0x6, 0);
    /* TICLR reads 0 */
    gcsrwr(CSR_TICLR, 1);
    CHECK_EQ("gcsr_rt_ticlr_reads_0", gcsrrd(CSR_TICLR), 0);
    /* PRCFG1-3: read-only, the root's values (A1) */
    CHECK_EQ("gcsr_prcfg1_is_root", gcsrrd(CSR_PRCFG1), csrrd(CSR_PRCFG1));
    CHECK_EQ("gcsr_prcfg2_is_root", gcsrrd(CSR_PRCFG2), csrrd(CSR_PRCFG2));
    CHECK_EQ("gcsr_prcfg3_is_root", gcsrrd(CSR_PRCFG3), csrrd(CSR_PRCFG3));
    gcsrwr(CSR_PRCFG1, 0);
    CHECK_EQ("gcsr_prcfg1_readonly", gcsrrd(CSR_PRCFG1), csrrd(CSR_PRCFG1));

    /* guest ESTAT: gcsr* may write IS[1:0], TI(11), IPI(12), Ecode, EsubCode (A1, A8.10) */
    gcsrwr(CSR_ESTAT, 0);
    gcsrwr(CSR_ESTAT, 0x1803UL | (0xdUL << 16) | (1UL << 22));
    CHECK_EQ("gcsr_estat_writable_bits", gcsrrd(CSR_ESTAT), 0x1803UL | (0xdUL << 16) | (1UL << 22));
    gcsrwr(CSR_ESTAT, 0x3fcUL);
    CHECK_EQ("gcsr_estat_hwi_pcov_not_writable", gcsrrd(CSR_ESTAT) & 0x7fcUL, 0);
    gcsrwr(CSR_ESTAT, 0);
    gcsrxchg(CSR_ESTAT, 1UL << 11, 1UL << 11);
    CHECK_EQ("gcsrxchg_estat_set_ti", gcsrrd(CSR_ESTAT) & 0x1fff, 1UL << 11);
    gcsrxchg(CSR_ESTAT, 0, 1UL << 11);
    CHECK_EQ("gcsrxchg_estat_clear_ti", gcsrrd(CSR_ESTAT) & 0x1fff, 0);
    gcsrxchg(CSR_ESTAT, 3, 3);
    CHECK_EQ("gcsrxchg_estat_set_swi", gcsrrd(CSR_ESTAT) & 0x1fff, 3);
    gcsrwr(CSR_ESTAT, 0);
    /* root ESTAT untouched by all of this */
    CHECK_EQ("root_estat_is_untouched", csrrd(CSR_ESTAT) & 0x1803, 0);

    /* gcsrwr returns the old value; gcsrxchg merges under the mask and returns the old value */
    gcsrwr(CSR_KS2, 0xabc);
    CHECK_EQ("gcsrwr_returns_old", gcsrwr(CSR_KS2, 0xdef), 0xabc);
    gcsrwr(CSR_KS0, 0xff00ff00ff00ff00UL);
    u64 old = gcsrxchg(CSR_KS0, 0x123456789abcdef0UL, 0x0000ffffffff0000UL);
    CHECK_EQ("gcsrxchg_returns_old", old, 0xff00ff00ff00ff00UL);
    CHECK_EQ("gcsrxchg_masked_merge", gcsrrd(CSR_KS0), 0xff0056789abcff00UL);
    gcsrxchg(CSR_KS0, 0, 0);
    CHECK_EQ("gcsrxchg_mask0_no_change", gcsrrd(CSR_KS0), 0xff0056789abcff00UL);
    gcsrxchg(CSR_DMW1, 0xffffffffffffffffUL, 0x30);
    CHECK_EQ("gcsrxchg_dmw1_mat", gcsrrd(CSR_DMW1), 0x8000000000000031UL);

    /* separate from root: root KS7 / DMW3 / EENTRY keep their values */
    csrwr(0x37, 0x7777);
    gcsrwr(CSR_KS0 + 7, 0x9999);
    CHECK_EQ("gcsr_ks7_separate_from_root", csrrd(0x37), 0x7777);
    csrwr(CSR_DMW3, 0);
    gcsrwr(CSR_DMW3, 0xb000000000000019UL);
    CHECK_EQ("gcsr_dmw3_separate_from_root", csrrd(CSR_DMW3), 0);
    u64 ee = csrrd(CSR_EENTRY);
    gcsrwr(CSR_EENTRY, 0x77000);
    CHECK_EQ("gcsr_eentry_separate_from_root", csrrd(CSR_EENTRY), ee);

    /* the guest's own csrrd reads the same file (A1: real guest copy, no exit) */
    guest_init(&g, (void (*)(void))g_read_ks, 1);
    gcsrwr(CSR_KS0, 0xa0a0);
    gcsrwr(CSR_KS0 + 7, 0xa7a7);
    gcsrwr(CSR_DMW3, 0xb000000000000019UL);
    gcsrwr(CSR_TLBRSAVE, 0x5a5a);
    long r = guest_run(&g);
    int hvc = r == RUN_TRAPPED && ECODE(&ti) == ECODE_HVC;
    CHECK_TRUE("guest_reads_ks0_no_exit", hvc && g.r[A0] == 0xa0a0, g.r[A0]);
    CHECK_TRUE("guest_reads_ks7_no_exit", hvc && g.r[A1] == 0xa7a7, g.r[A1]);
    CHECK_TRUE("guest_reads_dmw3_no_exit", hvc && g.r[A2] == 0xb000000000000019UL, g.r[A2]);
    CHECK_TRUE("guest_reads_tlbrsave_no_exit", hvc && g.r[A3] == 0x5a5a, g.r[A3]);

    /* the guest CSR file survives root activity: a pile of root CSR writes and exits */
    for (int i = 0; i < 50; i++) {
        csrwr(0x37, (u64)i);
        g.pc = (u64)g_read_ks;
        guest_run(&g);
    }
    CHECK_EQ("guest_csrs_survive_exits", g.r[A0] + g.r[A1], 0xa0a0 + 0xa7a7);
}
