/* The guest's exception handler: only the guest timer interrupt is expected.
 * Anything else ends the run with a distinct status so the test sees it. */
#include "cpu.h"
#include "io.h"
#include "trap.h"
#include "../abi.h"

volatile unsigned int timer_irqs;

void trap(void)
{
    uint64_t estat = csr_read(CSR_ESTAT);

    if (ESTAT_ECODE(estat) != 0 || !(estat & ESTAT_IS_TI)) {
        puts("guest: unexpected exception estat=");
        put_hex(estat);
        puts(" era=");
        put_hex(csr_read(CSR_ERA));
        puts("\n");
        *(volatile uint64_t *)MMIO_EXIT = STATUS_BAD_TRAP;
        for (;;)
            ;
    }
    /* Acknowledge first: TI stays pending until TICLR is written. */
    csr_write(1, CSR_TICLR);
    timer_irqs++;
    puts("guest: timer interrupt\n");
}
