/* A physical HWI line passed through with GINTC.PIP (A5, A8.10) and a root interrupt that
 * exits the guest (A2, A8.15). The line: UART0 THR-empty interrupt -> PCH-PIC input 2 ->
 * EIOINTC vector 0 -> CPU pin IP0 = HWI0 = ESTAT.IS[2] (QEMU hw/loongarch/virt.c,
 * hw/intc/loongarch_pch_pic.c, hw/intc/loongarch_extioi*.c; reset routing is all zeros). */
#include <baremetal/virt.h>

#include "lvz.h"

#define PCH_PIC_INT_MASK ((volatile u32 *)0x10000020UL)
#define EXTIOI_ENABLE0 0x1600UL
#define HWI0 (1UL << INT_HWI0)
#define GINTC_PIP(n) (1UL << (GINTC_PIP_SHIFT + (n)))
#define CRMD_DA_IE (CRMD_DA | CRMD_IE)

static struct guest g;

static void line(int on)
{
    UART0[UART_IER] = on ? 0x02 : 0x00; /* ETBEI: THR empty */
    u64 t = rdtime();
    while (rdtime() - t < 1000)
        ;
}

/* The guest's view of the HWI lines (ESTAT.IS[9:2]) after reading its ESTAT. */
static u64 guest_hwi(long r) { return exit_hvc(r, 0) ? g.r[A0] & INT_HWI_MASK : ~0UL; }

void tests(void)
{
    long r;
    *PCH_PIC_INT_MASK = ~(1u << 2);
    iocsr_wr32(EXTIOI_ENABLE0, 1);
    line(1);
    CHECK_EQ("hwi0_line_in_root_estat", csrrd(CSR_ESTAT) & HWI0, HWI0);
    if (!lvz_present()) {
        cannot_check("gintc_pip", "CPUCFG2.LVZP = 0: run with -cpu la464,lvz=on");
        return;
    }

    guest_init(&g, 0, 1);
    csrwr(CSR_GINTC, 0);
    r = guest_run_at(&g, g_estat, 0, CRMD_DA);
    CHECK_EQ("gintc_pip_off_hides_hwi", guest_hwi(r), 0);
    csrwr(CSR_GINTC, GINTC_PIP(0));
    r = guest_run_at(&g, g_estat, 0, CRMD_DA);
    CHECK_EQ("gintc_pip0_passes_hwi0", guest_hwi(r), HWI0);
    r = guest_run_at(&g, g_spin, HWI0, CRMD_DA_IE);
    CHECK_TRUE("gintc_pip0_to_guest_eentry", exit_hvc(r, HVC_GEXC) && (g.r[A0] & ESTAT_ECODE_MASK) == 0 &&
               (g.r[A0] & HWI0), g.r[A0]);
    csrwr(CSR_GINTC, GINTC_PIP(1));
    r = guest_run_at(&g, g_estat, 0, CRMD_DA);
    CHECK_EQ("gintc_pip1_other_line_hidden", guest_hwi(r), 0);
    csrwr(CSR_GINTC, GINTC_PIP(0));
    line(0);
    CHECK_EQ("hwi0_line_dropped_in_root", csrrd(CSR_ESTAT) & HWI0, 0);
    r = guest_run_at(&g, g_estat, 0, CRMD_DA);
    CHECK_EQ("gintc_pip_follows_line_level", guest_hwi(r), 0);
    csrwr(CSR_GINTC, 0);

    /* a root-enabled interrupt wins and exits the guest: Ecode 0, IS set, ERA = next guest pc */
    line(1);
    csrwr(CSR_ECFG, HWI0);
    r = guest_run_at(&g, g_spin, 0, CRMD_DA);
    csrwr(CSR_ECFG, 0);
    line(0);
    CHECK_TRUE("root_irq_exits_guest", r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == ECODE_INT &&
               (ti.estat & HWI0), ti.estat);
    CHECK_TRUE("root_irq_exit_era_in_guest", ti.era >= (u64)g_spin && ti.era <= (u64)g_spin_loop + 8, ti.era);
    CHECK_EQ("root_irq_exit_gstat_pvm", ti.gstat & (GSTAT_PVM | GSTAT_VM), GSTAT_PVM);
    /* the same with the guest also enabled for HWI0 via PIP: the root still wins (A8.15) */
    line(1);
    csrwr(CSR_GINTC, GINTC_PIP(0));
    csrwr(CSR_ECFG, HWI0);
    r = guest_run_at(&g, g_spin, HWI0, CRMD_DA_IE);
    csrwr(CSR_ECFG, 0);
    csrwr(CSR_GINTC, 0);
    line(0);
    CHECK_TRUE("root_irq_wins_over_guest", r == RUN_TRAPPED && ECODE(&ti) == ECODE_INT && (u32)ti.badi != HVCL_WORD(HVC_GEXC),
               ti.estat);
}
