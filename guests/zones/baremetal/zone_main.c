/*
 * A bare-metal non-root zone (zone-bm.json): prints on its own UART, checks
 * that every address outside its own memory and device faults in the zone
 * itself (lvisor's memory, the root's RAM, another zone's RAM, the root's
 * UART next to its own), then prints a heartbeat. The other entries
 * (start.S) make a zone that spins or idles forever, for shutdown tests,
 * talk to the hypervisor's virtio probe, or attack the virtio daemon.
 */
#include <baremetal/console.h>
#include <baremetal/csr.h>
#include <baremetal/insn.h>
#include <baremetal/setjmp.h>
#include <baremetal/trap.h>
#include <baremetal/types.h>
#include <loongarch/regs.h>
#include "zone.h"

void zone_main(long mode);

jmp_buf zone_escape;
volatile u64 trap_ecode, trap_badv;
static volatile u64 virtio_irqs;

#define VIRTIO ((volatile unsigned char *)0x8000000030001000UL)
#define HWI2   (1UL << 4)

static u32 rd32(u32 off) { return *(volatile u32 *)(VIRTIO + off); }
static void wr32(u32 off, u32 v) { *(volatile u32 *)(VIRTIO + off) = v; }

void trap(long kind)
{
    u64 estat = csrrd(CSR_ESTAT);
    if (kind == TRAP_GENERAL && !((estat >> 16) & 0x3f) && (estat & HWI2)) {
        /* the daemon's interrupt: acknowledge it there, which lowers the line; resume */
        virtio_irqs++;
        wr32(0x064, 1);
        return;
    }
    trap_ecode = kind == TRAP_GENERAL ? (estat >> 16) & 0x3f : 0x40 + (u64)kind;
    trap_badv = csrrd(CSR_BADV);
    longjmp(zone_escape, 1);
}

struct probe {
    const char *what;
    u64 addr;
};

/* Zone addresses outside this zone's RAM (0-16 MiB) and its UART: all must fault. */
static const struct probe probes[] = {
    {"lvisor's memory", 0x0f000000},
    {"the root's RAM", 0x90000000},
    {"zone 1's RAM", 0xc0000000},
    {"the root's UART", 0x1fe001e0},
};

static int faults(u64 addr, int write)
{
    volatile u32 *p = (volatile u32 *)(addr | 0x8000000000000000UL);
    trap_ecode = ~0UL;
    if (setjmp(zone_escape))
        return trap_ecode == ECODE_ADE && trap_badv == (addr | 0x8000000000000000UL);
    if (write)
        *p = 0x5a5a5a5a;
    else
        (void)*p;
    return 0;
}

static void isolation(void)
{
    csrwr(CSR_EENTRY, (u64)trap_general);
    csrwr(CSR_TLBRENTRY, (u64)trap_tlbr);
    csrwr(CSR_MERRENTRY, (u64)trap_merr);
    u32 ok = 0, n = 0;
    for (u32 i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        for (int w = 0; w < 2; w++, n++) {
            int f = faults(probes[i].addr, w);
            ok += f;
            puts_("zone-bm: ");
            puts_(w ? "write " : "read ");
            puts_(probes[i].what);
            puts_(f ? ": exception in the zone\n" : ": NOT REFUSED\n");
        }
    }
    puts_("zone-bm: isolation ");
    putdec(ok);
    puts_("/");
    putdec(n);
    puts_("\n");
}

static void virtio(void)
{
    virtio_irqs = 0; /* nothing clears .bss: the zone's RAM holds what its last run left */
    csrwr(CSR_EENTRY, (u64)trap_general);
    puts_("zone-bm: virtio magic ");
    puthex(rd32(0x000));
    puts_(" version ");
    putdec(rd32(0x004));
    puts_(" device ");
    puthex(rd32(0x008));
    puts_("\n");
    /* every access size: the probe answers its offset, cut to the size */
    int sizes_ok = *(volatile unsigned char *)(VIRTIO + 0x101) == 0x01 &&
                   *(volatile unsigned short *)(VIRTIO + 0x102) == 0x102 &&
                   *(volatile u32 *)(VIRTIO + 0x104) == 0x104 &&
                   *(volatile u64 *)(VIRTIO + 0x108) == 0x108;
    puts_(sizes_ok ? "zone-bm: virtio sizes ok\n" : "zone-bm: virtio sizes WRONG\n");
    wr32(0x100, 0x55aa);
    csrwr(CSR_ECFG, HWI2);
    csrwr(CSR_CRMD, csrrd(CSR_CRMD) | 0x4); /* IE */
    wr32(0x050, 0);                         /* QueueNotify: the probe answers with an interrupt */
    for (u64 end = rdtime() + 200000000UL; !virtio_irqs && rdtime() < end;)
        ;
    csrwr(CSR_CRMD, csrrd(CSR_CRMD) & ~0x4UL);
    puts_("zone-bm: virtio interrupts ");
    putdec(virtio_irqs);
    puts_((csrrd(CSR_ESTAT) & HWI2) ? ", line still high\n" : ", line low\n");
    /* a burst of notifies (queue 1..100) behind a slow daemon: the ring (31 requests) fills,
     * and each write waits for room; none is lost */
    for (u32 q = 1; q <= 100; q++)
        wr32(0x050, q);
    puts_("zone-bm: virtio burst sent\n");
    wr32(0x070, 0xdead); /* the probe's end */
    puts_("zone-bm: virtio done\n");
    for (;;)
        __asm__ volatile("idle 0");
}

void zone_main(long mode)
{
    puts_("zone-bm: hello from a bare-metal zone, mode ");
    putdec((u64)mode);
    puts_("\n");
    if (mode == 1) {
        puts_("zone-bm: spinning with interrupts off\n");
        for (;;)
            __asm__ volatile("" ::: "memory");
    }
    if (mode == 2) {
        puts_("zone-bm: idle with every interrupt off\n");
        csrwr(CSR_ECFG, 0);
        for (;;)
            __asm__ volatile("idle 0");
    }
    if (mode == 3)
        virtio();
    if (mode == 4)
        hostile();
    if (mode == 5)
        access_cost();
    isolation();
    for (u64 beat = 1;; beat++) {
        u64 until = rdtime() + 100000000UL / 10; /* 100 ms of the 100 MHz counter */
        while (rdtime() < until)
            ;
        puts_("zone-bm: beat ");
        putdec(beat);
        puts_("\n");
    }
}
