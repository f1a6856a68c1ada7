/*
 * The exit path: vectors.S -> arch_handle_exit (exit.c), which indexes
 * exit_table[] by ESTAT.Ecode. Each handler (one file per exit class)
 * returns what should happen next; only the dispatcher moves the PC.
 */
#ifndef ARCH_EXIT_H
#define ARCH_EXIT_H

#include "lib/types.h"
#include "core/vcpu.h"
#include <arch/csr.h>

enum exit_result {
    EXIT_DONE,    /* emulated: resume after the instruction */
    EXIT_RESUME,  /* resume at the PC as it is (interrupt, or an exception injected) */
    EXIT_IDLE,    /* resume after the instruction once the guest has an interrupt */
    EXIT_PENDING, /* an MMIO access answered later: wait, then complete it */
};

typedef enum exit_result (*exit_handler_t)(struct vcpu *v, u32 ecode);

enum exit_result exit_interrupt(struct vcpu *v, u32 ecode);
enum exit_result exit_gspr(struct vcpu *v, u32 ecode);
enum exit_result exit_hvc(struct vcpu *v, u32 ecode);
enum exit_result exit_stage2_fault(struct vcpu *v, u32 ecode);
enum exit_result exit_unexpected(struct vcpu *v, u32 ecode);

/* Entered from the vectors; returns the vcpu to resume. */
struct vcpu *arch_handle_exit(struct vcpu *v);

/* IOCSR access by the guest (iocsr.c); false if refused. */
bool iocsr_emulate(struct vcpu *v, u64 addr, u32 size, bool is_write, u64 *val);
/* Synchronous exception into the guest (KVM _kvm_deliver_exception). */
void inject_exception(struct vcpu *v, u32 ecode, u32 esubcode, u64 badv, bool set_badv);
/* Where the guest's handler for `ecode` starts (EENTRY and ECFG.VS). */
u64 guest_exception_vector(u32 ecode);
void vtimer_disarm_wakeup(void);

/* The guest's IPI line from its emulated block; inline: every exit ends with it. */
static inline void guest_ipi_line_update(struct vcpu *v)
{
    gcsr_xchg(CSR_ESTAT, vipi_pending(&v->arch.vipi) ? BIT(INT_IPI) : 0, BIT(INT_IPI));
}

#endif
