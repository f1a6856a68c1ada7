/*
 * Mode 5 (zone-bm-cost.json, bench/virtio): what one register read costs
 * the zone, from its load to its result, timed with the 100 MHz counter
 * (10 ns): a read of its RAM (no exit), of its UART's line status register
 * (trapped, answered by lvisor itself), and of the DeviceID register of the
 * virtio window at 0x30001000 (trapped, answered by the root's daemon).
 * READS of each; prints the minimum and the median in ns.
 */
#include <baremetal/console.h>
#include <baremetal/csr.h>
#include <baremetal/sort.h>
#include "zone.h"

#define READS       1000
#define NS_PER_TICK 10

static u64 ticks[READS];
static volatile u32 ram_word;

static void measure(const char *what, volatile u32 *reg32, volatile u8 *reg8)
{
    for (u32 i = 0; i < READS; i++) {
        u64 t0 = rdtime();
        if (reg32)
            (void)*reg32;
        else
            (void)*reg8;
        ticks[i] = rdtime() - t0;
    }
    sort_u64(ticks, READS);
    puts_("cost: ");
    puts_(what);
    puts_(": min ");
    putdec(ticks[0] * NS_PER_TICK);
    puts_(" ns, median ");
    putdec(ticks[READS / 2] * NS_PER_TICK);
    puts_(" ns\n");
}

void access_cost(void)
{
    measure("ram", &ram_word, 0);
    measure("uart", 0, (volatile u8 *)0x800000001fe004e5UL);
    measure("virtio", (volatile u32 *)0x8000000030001008UL, 0);
    puts_("cost: done\n");
    for (;;)
        __asm__ volatile("idle 0");
}
