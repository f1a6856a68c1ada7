/*
 * What core needs from the architecture: every hook below is implemented
 * under arch/$(ARCH)/ and is the only way core reaches it. Architecture
 * state lives in struct vcpu_arch / struct zone_arch (<arch/vcpu_arch.h>),
 * which core embeds but never looks into.
 */
#ifndef CORE_ARCH_H
#define CORE_ARCH_H

#include "lib/types.h"
#include "core/config.h"

struct vcpu;
struct zone;
struct mmio_access;

/* Physical CPUs */
void arch_cpu_init(u32 cpu);             /* vectors, root controls, this CPU's struct vcpu */
u32 arch_cpu_id(void);                   /* the calling CPU's number */
bool arch_cpu_can_virtualize(void);      /* the CPU has the virtualization extension */
void arch_cpu_start(u32 cpu, u64 entry); /* wake a CPU waiting in the firmware's loop */
void arch_cpu_wait_ipi(void);            /* sleep until an IPI arrives, then acknowledge it */
void arch_cpu_halt(void) __attribute__((noreturn)); /* stop this CPU for good */
void arch_ipi_send(u32 cpu);                        /* lvisor's own IPI (events, kicks) */
void arch_ipi_ack(void);
u64 arch_timer_now(void);  /* the constant counter, in ticks since reset */
u64 arch_timer_freq(void); /* ticks per second */
/* Return addresses of lvisor's frames on this CPU's stack, innermost first. */
u32 arch_backtrace(u64 *pcs, u32 max);
/* The CSRs of the last exception taken in root mode (for panic). */
void arch_last_exception(u64 *pc, u64 *addr);

/* A vCPU joins a zone: its architecture state (emulated devices, CSR copies) starts afresh. */
void vcpu_arch_init(struct vcpu *v);
/* vCPUs: v is always the vCPU of the calling CPU */
void vcpu_arch_reset(struct vcpu *v, u64 pc);           /* fresh guest state, entering at pc */
void vcpu_arch_set_arg(struct vcpu *v, u32 n, u64 val); /* n-th argument register at entry */
u64 vcpu_arch_pc(const struct vcpu *v);
/* A parked vCPU's guest asked (its start protocol) to start it: *entry gets the PC. */
bool vcpu_arch_boot_entry(struct vcpu *v, u64 *entry);
void vcpu_arch_enter(struct vcpu *v) __attribute__((noreturn));
bool vcpu_arch_interrupt_pending(struct vcpu *v); /* something the guest enabled is pending */
void vcpu_arch_update_ipi_line(struct vcpu *v);   /* guest IPI line from the emulated block */
void vcpu_arch_idle_wait(struct vcpu *v);         /* sleep until the guest or lvisor has work */
/* In idle, the guest gave its CPU up: only an IPI could wake it (Linux's offline CPU). */
bool vcpu_arch_guest_offline(struct vcpu *v);
void vcpu_arch_set_irq(struct vcpu *v, u32 line, bool level); /* a virtual interrupt line */
enum vcpu_exception { VCPU_EXC_UNDEFINED, VCPU_EXC_BAD_ACCESS, VCPU_EXC_BAD_FETCH };
void vcpu_arch_inject_exception(struct vcpu *v, enum vcpu_exception e, u64 addr);
/* Finish an emulated load or store: the target register and the PC. */
void vcpu_arch_complete_mmio(struct vcpu *v, const struct mmio_access *a);

/* Per-zone address space (GPA -> HPA), with the zone's guest id */
bool zone_arch_init(struct zone *z);
bool zone_arch_map(struct zone *z, u64 gpa, u64 hpa, u64 size, enum mem_type type);
void zone_arch_unmap(struct zone *z, u64 gpa, u64 size);
void zone_arch_destroy(struct zone *z); /* returns every frame the tables used */
u64 zone_arch_gpa_limit(void);          /* zone addresses lie below it */

#endif
