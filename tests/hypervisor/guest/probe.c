/*
 * Booted on the board itself, without lvisor: prints the IOCSR feature word
 * as the board reports it, which the test compares with what a zone reads
 * through lvisor.
 */
#include "zone_guest.h"

/* start.S's exception entry counts into these; nothing here takes exceptions */
volatile u64 last_estat, timer_irqs, ipi_irqs, exceptions;

void guest_main(void);
void guest_main(void)
{
    u32 features;
    __asm__ volatile("iocsrrd.w %0, %1" : "=r"(features) : "r"(0x8UL));
    puts_("probe: IOCSR features ");
    puthex(features);
    puts_("\n");
    *GED_SLEEP = 0x34;
    for (;;)
        __asm__ volatile("idle 0");
}

/* start.S's secondary entry; no secondary is started */
void secondary_main(u64 cpuid);
void secondary_main(u64 cpuid) { (void)cpuid; }
