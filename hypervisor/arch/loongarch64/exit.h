/* Exit handlers, one per cause (dispatched from core/vcpu.c). */
#ifndef ARCH_EXIT_H
#define ARCH_EXIT_H

#include "lib/types.h"

struct vcpu;

void gspr_handle(struct vcpu *v);
void hvc_handle(struct vcpu *v);
void stage2_fault_handle(struct vcpu *v, u32 ecode);
/* IOCSR access by the guest; returns false if refused. */
bool iocsr_emulate(struct vcpu *v, u64 addr, u32 size, bool is_write, u64 *val);
bool guest_interrupt_pending(struct vcpu *v);

#endif
