/*
 * Timer-latency bench guest: N one-shot timers of PERIOD_US each, waited for
 * in `idle`; the latency of one is how long after its deadline the interrupt
 * handler ran. Prints min, median, 99th percentile and max in microseconds.
 * The same ELF runs as lvisor's root zone and directly on QEMU, so the two
 * figures compare lvisor's idle and timer path with the bare CPU's.
 */
#include "zone_guest.h"

#define N 200
#define PERIOD_US 2000
#define TICKS_PER_US 100 /* constant timer: 100 MHz on QEMU's la464 */

extern char timer_vector[];
volatile u64 fired_at;
static u64 lat[N];

static void sort(u64 *a, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && a[j - 1] > a[j]; j--) {
            u64 t = a[j];
            a[j] = a[j - 1];
            a[j - 1] = t;
        }
}

static void put_us(const char *name, u64 ticks)
{
    puts_(name);
    putdec(ticks / TICKS_PER_US);
    putc_('.');
    putdec(ticks % TICKS_PER_US / 10);
    putdec(ticks % 10);
}

void guest_main(void);
void guest_main(void)
{
    csrwr(0xc, (u64)timer_vector);    /* EENTRY */
    csrwr(0x4, 1UL << 11);            /* ECFG: TI only, VS = 0 */
    csrwr(0x0, csrrd(0x0) | 0x4);     /* CRMD.IE */
    for (int i = 0; i < N; i++) {
        fired_at = 0;
        u64 t0 = rdtime();
        csrwr(0x41, (u64)PERIOD_US * TICKS_PER_US | 1); /* TCFG: one-shot */
        while (!fired_at)
            __asm__ volatile("idle 0");
        u64 due = t0 + (u64)PERIOD_US * TICKS_PER_US;
        lat[i] = fired_at > due ? fired_at - due : 0;
    }
    sort(lat, N);
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
    *GED_SLEEP = 0x34; /* power off */
    for (;;)
        __asm__ volatile("idle 0");
}
