/*
 * Root-zone guest for lvisor's zone-fatal tier. With its secondary vCPUs
 * started (one spinning in guest code, the others asleep in idle), it points
 * its exception entry (EENTRY) at lvisor's memory and takes an exception:
 * the fetch at EENTRY faults in stage 2, so the zone can take no exception
 * any more. lvisor must park every CPU of the zone and keep running.
 */
#include "zone_guest.h"
#include <loongarch/regs.h>

volatile u64 last_estat, timer_irqs, ipi_irqs, exceptions;
static volatile u64 secondaries_up;
extern char secondary_start[], park_break[];
void take_break(void);

/* The break, at a label the guest can print: lvisor reports it as era. */
__asm__(".text\n"
        ".globl take_break, park_break\n"
        "take_break:\n"
        "park_break: break 0\n"
        "    ret\n");

void secondary_main(u64 cpuid);
void secondary_main(u64 cpuid)
{
    /* print before reporting in: the UART has no lock */
    puts_("guest: secondary vCPU up\n");
    __atomic_fetch_or(&secondaries_up, 1UL << cpuid, __ATOMIC_SEQ_CST);
    if (cpuid == 1)
        for (;;) /* running guest code, no exits: only an interrupt reaches it */
            ;
    for (;;) /* asleep in lvisor's wait: nothing enabled can wake it */
        __asm__ volatile("idle 0");
}

static void start_cpu(u32 cpu, u64 entry)
{
    u64 hi = (entry >> 32) << 32 | 1UL << 31 | (u64)cpu << 16 | 1 << 2;
    u64 lo = (entry & 0xffffffff) << 32 | 1UL << 31 | (u64)cpu << 16;
    u32 ipi = 1u << 31 | cpu << 16;
    __asm__ volatile("iocsrwr.d %0, %1" ::"r"(hi), "r"((u64)IOCSR_MBUF_SEND) : "memory");
    __asm__ volatile("iocsrwr.d %0, %1" ::"r"(lo), "r"((u64)IOCSR_MBUF_SEND) : "memory");
    __asm__ volatile("iocsrwr.w %0, %1" ::"r"(ipi), "r"((u64)IOCSR_IPI_SEND) : "memory");
}

void guest_main(void);
void guest_main(void)
{
    puts_("guest: park test in zone 0\n");
    u64 ncpu = 1;
    for (u32 cpu = 1; cpu < 4; cpu++) {
        start_cpu(cpu, (u64)secondary_start);
        for (u64 end = rdtime() + 50000000; rdtime() < end && !(secondaries_up & (1UL << cpu));)
            ;
        ncpu += (secondaries_up >> cpu) & 1;
    }
    puts_("guest: vCPUs up ");
    putdec(ncpu);
    puts_("\nguest: break at ");
    puthex((u64)park_break);
    puts_(" with EENTRY at lvisor's memory\n");
    csrwr(CSR_EENTRY, 0x0f000000UL);
    take_break();
    puts_("guest: still running after the break\n");
    *GED_SLEEP = 0x34;
    for (;;)
        __asm__ volatile("idle 0");
}
