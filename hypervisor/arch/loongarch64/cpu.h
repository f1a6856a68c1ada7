/* Per-CPU root-mode set-up and the arch services core code uses. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include "lib/types.h"
#include "arch/loongarch64/asm_offsets.h"

struct vcpu;
struct zone;

void arch_cpu_init(u32 cpu);
bool cpu_has_lvz(void);
u64 timer_freq(void);
void udelay(u64 us);

/* Physical IPIs: lvisor's own events only (guests see an emulated block). */
void ipi_send(u32 cpu);
u32 ipi_ack(void);

/* Start a physical CPU waiting in QEMU's firmware mailbox loop at `entry`. */
void smp_start_cpu(u32 cpu, u64 entry);

/* Guest CSR state of a fresh vCPU, entering at `pc` in DA mode. */
void vcpu_arch_reset(struct vcpu *v);
/* Injects a synchronous exception into the guest (KVM _kvm_deliver_exception). */
void inject_exception(struct vcpu *v, u32 ecode, u32 esubcode, u64 badv, bool set_badv);

/* Root timer used to wake an idle vCPU at its guest timer's deadline. */
void vtimer_arm_wakeup(void);
void vtimer_disarm_wakeup(void);

#endif

extern char cpu_stacks[];
static inline void *cpu_stack_top(u32 cpu) { return cpu_stacks + (u64)(cpu + 1) * STACK_SIZE; }
