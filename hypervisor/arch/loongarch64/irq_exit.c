/* Interrupt exits: root interrupts that left the guest, lvisor's IPI and its idle wake-up timer. */
#include "exit.h"
#include "core/arch.h"
#include "core/panic.h"
#include "core/vcpu.h"
#include <arch/csr.h>

/* Device lines never exit: they are passed through with GINTC.PIP and masked in the root ECFG.LIE.
 */
enum exit_result exit_interrupt(struct vcpu *v, u32 ecode)
{
    (void)ecode;
    u64 is = v->arch.regs.estat & ESTAT_IS_MASK;
    if (is & BIT(INT_TI))
        vtimer_disarm_wakeup();
    if (is & BIT(INT_IPI)) {
        arch_ipi_ack(); /* before the events run: one sent meanwhile raises a new IPI */
        if (hv_stopping)
            arch_cpu_halt(); /* panic on another CPU */
    }
    return EXIT_RESUME;
}
