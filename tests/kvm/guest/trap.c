/* The guest's exception handler: only the guest timer interrupt is expected.
 * Anything else ends the run with a distinct status so the test sees it. */
#include <baremetal/console.h>
#include <baremetal/csr.h>
#include <baremetal/trap.h>

#include "io.h"
#include "trap.h"

volatile unsigned int timer_irqs;

void trap(long kind)
{
    u64 estat = csrrd(CSR_ESTAT);

    if (kind != TRAP_GENERAL || (estat & ESTAT_ECODE_MASK) || !(estat & (1UL << INT_TI))) {
        puts_("guest: unexpected exception estat=");
        puthex(estat);
        puts_(" era=");
        puthex(csrrd(CSR_ERA));
        puts_("\n");
        vmm_exit(STATUS_BAD_TRAP);
    }
    /* Acknowledge first: TI stays pending until TICLR is written. */
    csrwr(CSR_TICLR, TICLR_CLR);
    timer_irqs++;
    puts_("guest: timer interrupt\n");
}
