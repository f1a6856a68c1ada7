/* A physical HWI line passed through with GINTC.PIP (A5, A8.10) and a root interrupt that
 * exits the guest (A2, A8.15). The line: UART0 THR-empty interrupt -> PCH-PIC input 2 ->
 * EIOINTC vector 0 -> CPU pin IP0 = HWI0 = ESTAT.IS[2] (QEMU hw/loongarch/virt.c,
 * hw/intc/loongarch_pch_pic.c, hw/intc/loongarch_extioi*.c; reset routing is all zeros). */
#include "lvz.h"

extern char p_estat[], p_spin[], p_spin_loop[];

#define UART_IER ((volatile unsigned char *)0x1fe001e1UL)
#define PCH_PIC_INT_MASK ((volatile u32 *)0x10000020UL)
#define EXTIOI_ENABLE0 0x1600UL
#define HWI0 (1UL << 2)

static struct guest g;

static void line(int on)
{
    *UART_IER = on ? 0x02 : 0x00;
    u64 t = rdtime();
    while (rdtime() - t < 1000)
        ;
}

static int hvc(long r, u32 code) { return r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == EC_HVC && (u32)ti.badi == HVCL_WORD(code); }

static long run(char *entry, u64 ecfg, u64 crmd)
{
    g.pc = (u64)entry;
    gcsrwr(ECFG, ecfg);
    gcsrwr(CRMD, crmd);
    return guest_run(&g);
}

void tests(void)
{
    long r;
    *PCH_PIC_INT_MASK = ~(1u << 2);
    asm volatile("iocsrwr.w %0, %1" :: "r"(1UL), "r"(EXTIOI_ENABLE0) : "memory");
    line(1);
    CHECK_EQ("hwi0_line_in_root_estat", csrrd(ESTAT) & HWI0, HWI0);
    if (!lvz_present())
        return;

    guest_init(&g, 0, 1);
    csrwr(GINTC, 0);
    r = run(p_estat, 0, 0x8);
    CHECK_TRUE("gintc_pip_off_hides_hwi", hvc(r, 0) && (g.r[A0] & 0x3fc) == 0, g.r[A0]);
    csrwr(GINTC, 1UL << 8);
    r = run(p_estat, 0, 0x8);
    CHECK_TRUE("gintc_pip0_passes_hwi0", hvc(r, 0) && (g.r[A0] & 0x3fc) == HWI0, g.r[A0]);
    r = run(p_spin, HWI0, 0xc);
    CHECK_TRUE("gintc_pip0_to_guest_eentry", hvc(r, HVC_GEXC) && ((g.r[A0] >> 16) & 0x3f) == 0 &&
               (g.r[A0] & HWI0), g.r[A0]);
    csrwr(GINTC, 1UL << 9);
    r = run(p_estat, 0, 0x8);
    CHECK_TRUE("gintc_pip1_other_line_hidden", hvc(r, 0) && (g.r[A0] & 0x3fc) == 0, g.r[A0]);
    csrwr(GINTC, 1UL << 8);
    line(0);
    CHECK_EQ("hwi0_line_dropped_in_root", csrrd(ESTAT) & HWI0, 0);
    r = run(p_estat, 0, 0x8);
    CHECK_TRUE("gintc_pip_follows_line_level", hvc(r, 0) && (g.r[A0] & 0x3fc) == 0, g.r[A0]);
    csrwr(GINTC, 0);

    /* a root-enabled interrupt wins and exits the guest: Ecode 0, IS set, ERA = next guest pc */
    line(1);
    csrwr(ECFG, HWI0);
    r = run(p_spin, 0, 0x8);
    csrwr(ECFG, 0);
    line(0);
    CHECK_TRUE("root_irq_exits_guest", r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == EC_INT &&
               (ti.estat & HWI0), ti.estat);
    CHECK_TRUE("root_irq_exit_era_in_guest", ti.era >= (u64)p_spin && ti.era <= (u64)p_spin_loop + 8, ti.era);
    CHECK_EQ("root_irq_exit_gstat_pvm", ti.gstat & (GSTAT_PVM | GSTAT_VM), GSTAT_PVM);
    /* the same with the guest also enabled for HWI0 via PIP: the root still wins (A8.15) */
    line(1);
    csrwr(GINTC, 1UL << 8);
    csrwr(ECFG, HWI0);
    r = run(p_spin, HWI0, 0xc);
    csrwr(ECFG, 0);
    csrwr(GINTC, 0);
    line(0);
    CHECK_TRUE("root_irq_wins_over_guest", r == RUN_TRAPPED && ECODE(&ti) == EC_INT && (u32)ti.badi != HVCL_WORD(HVC_GEXC),
               ti.estat);
}
