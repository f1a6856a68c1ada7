/* Guest stable timer with GCNTC (A4, A8.14) and interrupt injection: GINTC.VIP, guest
 * ESTAT bits written by the root (A5, A8.10). */
#include "lvz.h"

extern char g_wr_estat[], g_rdtime[];

static struct guest g;
#define TVAL_FIRED 0xffffffffffffUL /* one-shot fired: TimerBits all ones (A4 Emulator) */
#define TI (1UL << INT_TI)

static void root_wait(u64 ticks)
{
    u64 t = rdtime();
    while (rdtime() - t < ticks)
        ;
}

static long run(char *entry, u64 ecfg, u64 crmd) { return guest_run_at(&g, entry, ecfg, crmd); }

/* The guest took an interrupt itself: reporter exit, guest Ecode 0, IS bit set. */
static void expect_guest_irq(const char *name, u64 is_bit)
{
    long r = run(g_spin, is_bit, 0xc);
    int ok = exit_hvc(r, HVC_GEXC) && ((g.r[A0] >> 16) & 0x3f) == 0 && (g.r[A0] & is_bit) &&
             g.r[A1] >= (u64)g_spin && g.r[A1] <= (u64)g_spin_loop + 8;
    check(name, ok, "guest ESTAT", g.r[A0], is_bit);
}

void tests(void)
{
    long r;
    csrwr(CSR_TCFG, 0);
    csrwr(CSR_TICLR, 1);
    guest_init(&g, (void (*)(void))g_rdtime, 1);

    /* guest rdtime = root counter + GCNTC */
    u64 off = 1UL << 40;
    csrwr(CSR_GCNTC, off);
    u64 t0 = rdtime();
    r = run(g_rdtime, 0, 0x8);
    u64 t1 = rdtime();
    CHECK_TRUE("guest_rdtime_plus_gcntc", exit_hvc(r, 0) && g.r[A0] >= t0 + off && g.r[A0] <= t1 + off, g.r[A0] - t0);
    off = -(t0 / 2);
    csrwr(CSR_GCNTC, off);
    t0 = rdtime();
    r = run(g_rdtime, 0, 0x8);
    t1 = rdtime();
    CHECK_TRUE("guest_rdtime_negative_gcntc", exit_hvc(r, 0) && g.r[A0] >= t0 + off && g.r[A0] <= t1 + off, g.r[A0]);
    csrwr(CSR_GCNTC, 0);
    CHECK_TRUE("root_rdtime_unaffected", rdtime() >= t1, rdtime());

    /* one-shot guest timer expires while the CPU is in root mode */
    gcsrwr(CSR_TICLR, 1);
    gcsrwr(CSR_TCFG, 1000 | 1);
    /* generous bound (1 s): only "it fires while the CPU stays in root mode" is checked here */
    u64 tw = rdtime();
    while (!(gcsrrd(CSR_ESTAT) & TI) && rdtime() - tw < 100000000UL)
        ;
    CHECK_EQ("guest_timer_fires_in_root_mode", gcsrrd(CSR_ESTAT) & TI, TI);
    CHECK_EQ("guest_oneshot_tval_all_ones", gcsrrd(CSR_TVAL), TVAL_FIRED);
    CHECK_EQ("guest_oneshot_keeps_en", gcsrrd(CSR_TCFG) & 1, 1);
    CHECK_EQ("guest_timer_not_root_ti", csrrd(CSR_ESTAT) & TI, 0);
    gcsrwr(CSR_TICLR, 1);
    CHECK_EQ("gcsr_ticlr_clears_ti", gcsrrd(CSR_ESTAT) & TI, 0);
    CHECK_EQ("gcsr_ticlr_leaves_tval", gcsrrd(CSR_TVAL), TVAL_FIRED);

    /* KVM's save reads TVAL, then ESTAT, and treats "TVAL fired but no TI" as "the guest
     * already took it" (kvm/timer.c:93-114): once TVAL reads fired, TI must be visible. */
    gcsrwr(CSR_TCFG, 0);
    gcsrwr(CSR_TICLR, 1);
    gcsrwr(CSR_TCFG, 1000 | 1);
    tw = rdtime();
    while (gcsrrd(CSR_TVAL) != TVAL_FIRED && rdtime() - tw < 100000000UL)
        ;
    CHECK_EQ("guest_tval_fired_implies_ti", gcsrrd(CSR_ESTAT) & TI, TI);
    gcsrwr(CSR_TICLR, 1);

    /* counting down; gcsrwr TVAL = 0 fires at once */
    gcsrwr(CSR_TCFG, 1000000000UL | 1);
    u64 v0 = gcsrrd(CSR_TVAL);
    root_wait(1000);
    u64 v1 = gcsrrd(CSR_TVAL);
    CHECK_TRUE("guest_timer_counts_down", v0 <= 1000000000UL && v1 < v0, v0 - v1);
    gcsrwr(CSR_TVAL, 0x10000000);
    CHECK_TRUE("gcsr_tval_write_restarts", gcsrrd(CSR_TVAL) <= 0x10000000 && gcsrrd(CSR_TVAL) > 0x1000000, gcsrrd(CSR_TVAL));
    gcsrwr(CSR_TVAL, 0);
    CHECK_EQ("gcsr_tval_0_fires_now", gcsrrd(CSR_ESTAT) & TI, TI);
    CHECK_EQ("gcsr_tval_0_leaves_all_ones", gcsrrd(CSR_TVAL), TVAL_FIRED);

    /* pending TI: hidden while LIE masks it, taken at the guest's EENTRY when enabled */
    r = run(g_estat, 0, 0xc);
    CHECK_TRUE("guest_ti_masked_not_taken", exit_hvc(r, 0) && (g.r[A0] & TI), g.r[A0]);
    expect_guest_irq("guest_ti_to_guest_eentry", TI);
    CHECK_EQ("guest_ti_no_root_exit", ECODE(&ti), ECODE_HVC);
    gcsrwr(CSR_TICLR, 1);

    /* periodic: reloads from TCFG instead of reading all ones */
    gcsrwr(CSR_TCFG, 5000 | 3);
    tw = rdtime();
    while (!(gcsrrd(CSR_ESTAT) & TI) && rdtime() - tw < 100000000UL)
        ;
    root_wait(20000);
    u64 tv = gcsrrd(CSR_TVAL);
    CHECK_TRUE("guest_periodic_reloads", tv <= 5000 && (gcsrrd(CSR_ESTAT) & TI), tv);
    gcsrwr(CSR_TCFG, 0);
    gcsrwr(CSR_TICLR, 1);

    /* GINTC.VIP: virtual HWI n appears as guest ESTAT.IS[2+n] and is taken by the guest */
    csrwr(CSR_GINTC, 0x01);
    r = run(g_estat, 0, 0x8);
    CHECK_TRUE("gintc_vip0_in_guest_estat", exit_hvc(r, 0) && (g.r[A0] & (1UL << 2)), g.r[A0]);
    expect_guest_irq("gintc_vip0_to_guest_eentry", 1UL << 2);
    CHECK_EQ("gintc_vip_not_root_irq", csrrd(CSR_ESTAT) & 0x3fc, 0);
    CHECK_EQ("gintc_vip_level_kept", csrrd(CSR_GINTC) & 0xff, 0x01);
    csrwr(CSR_GINTC, 0x80);
    r = run(g_estat, 0, 0x8);
    CHECK_TRUE("gintc_vip7_is_estat_bit9", exit_hvc(r, 0) && (g.r[A0] & 0x3fc) == (1UL << 9), g.r[A0]);
    csrwr(CSR_GINTC, 0);
    r = run(g_estat, 0, 0x8);
    CHECK_TRUE("gintc_vip_cleared", exit_hvc(r, 0) && (g.r[A0] & 0x3fc) == 0, g.r[A0]);
    /* gcsrrd of ESTAT must not let the root write HWI bits (A8.10) */
    csrwr(CSR_GINTC, 0x04);
    gcsrwr(CSR_ESTAT, 0);
    r = run(g_estat, 0, 0x8);
    CHECK_TRUE("gintc_vip_survives_gcsrwr_estat", exit_hvc(r, 0) && (g.r[A0] & (1UL << 4)), g.r[A0]);
    csrwr(CSR_GINTC, 0);

    /* root-written guest ESTAT bits: IPI by gcsrxchg, SWI0 by gcsrwr (A5) */
    gcsrxchg(CSR_ESTAT, 1UL << 12, 1UL << 12);
    expect_guest_irq("gcsrxchg_ipi_to_guest_eentry", 1UL << 12);
    gcsrxchg(CSR_ESTAT, 0, 1UL << 12);
    gcsrwr(CSR_ESTAT, 1);
    expect_guest_irq("gcsrwr_swi0_to_guest_eentry", 1UL << 0);
    /* the guest's own csrwr ESTAT changes only SWI0-1 (A8.10) */
    gcsrwr(CSR_ESTAT, 1UL << 12);
    g.r[A1] = 0x3;
    r = run(g_wr_estat, 0, 0x8);
    CHECK_TRUE("guest_csrwr_estat_sets_swi", exit_hvc(r, 0) && (g.r[A0] & 3) == 3, g.r[A0]);
    CHECK_TRUE("guest_csrwr_estat_keeps_ipi", (g.r[A0] & (1UL << 12)) != 0, g.r[A0]);
    g.r[A1] = 0;
    r = run(g_wr_estat, 0, 0x8);
    CHECK_TRUE("guest_csrwr_estat_clears_swi_only", exit_hvc(r, 0) && (g.r[A0] & 0x1fff) == (1UL << 12), g.r[A0]);
    g.r[A1] = 1UL << 11;
    r = run(g_wr_estat, 0, 0x8);
    CHECK_TRUE("guest_csrwr_estat_cannot_set_ti", exit_hvc(r, 0) && (g.r[A0] & (1UL << 11)) == 0, g.r[A0]);
    gcsrwr(CSR_ESTAT, 0);
    r = run(g_spin, 0x1fff & ~(1UL << 10), 0xc);
    CHECK_TRUE("no_pending_no_guest_irq", exit_hvc(r, 0), ti.badi);
}
