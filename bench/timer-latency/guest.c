/*
 * Timer-latency bench guest: N one-shot timers of PERIOD_US each, waited for
 * in `idle`; the latency of one is how long after its deadline the interrupt
 * handler ran. Prints min, median, 99th percentile and max in microseconds.
 * The same ELF runs as lvisor's root zone and directly on QEMU, so the two
 * figures compare lvisor's idle and timer path with the bare CPU's.
 */
#include <baremetal/sort.h>
#include <baremetal/trap.h>

#include "zone_guest.h"

#define N 200
#define PERIOD_US 2000
#define TICKS_PER_US 100 /* constant timer: 100 MHz on QEMU's la464 */

static volatile u64 fired_at;
static u64 lat[N];

/* The timer interrupt is the only exception enabled: note when its handler
 * ran, then acknowledge it. */
void trap(long kind)
{
    (void)kind;
    fired_at = rdtime();
    csrwr(CSR_TICLR, TICLR_CLR);
}

static void put_us(const char *name, u64 ticks)
{
    puts_(name);
    putdec(ticks / TICKS_PER_US);
    putc_('.');
    putdec(ticks % TICKS_PER_US / 10);
    putdec(ticks % 10);
}

void main(void)
{
    csrwr(CSR_EENTRY, (u64)trap_general);
    csrwr(CSR_ECFG, 1UL << INT_TI); /* TI only, VS = 0 */
    csrwr(CSR_CRMD, csrrd(CSR_CRMD) | CRMD_IE);
    for (int i = 0; i < N; i++) {
        fired_at = 0;
        u64 t0 = rdtime();
        csrwr(CSR_TCFG, (u64)PERIOD_US * TICKS_PER_US | TCFG_EN); /* one-shot */
        while (!fired_at)
            __asm__ volatile("idle 0");
        u64 due = t0 + (u64)PERIOD_US * TICKS_PER_US;
        lat[i] = fired_at > due ? fired_at - due : 0;
    }
    sort_u64(lat, N);
    puts_("timer-latency: ");
    putdec(N);
    puts_(" one-shots of ");
    putdec(PERIOD_US);
    puts_(" us;");
    put_us(" min_us ", lat[0]);
    put_us(" median_us ", lat[N / 2]);
    put_us(" p99_us ", lat[N * 99 / 100]);
    put_us(" max_us ", lat[N - 1]);
    puts_("\ntimer-latency: done\n");
    poweroff();
}
