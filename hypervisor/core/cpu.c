/* Event delivery between CPUs and the parked-vCPU loop. */
#include "core/cpu.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include "arch/loongarch64/cpu.h"
#include "arch/loongarch64/csr.h"
#include "lib/printf.h"

volatile u64 cpus_online;

void cpu_send_event(u32 cpu, u32 type, u64 arg)
{
    struct vcpu *target = vcpu_of_cpu(cpu);
    /* Never drop an event: while the target's queue is full, keep our own
     * queue moving (the target may be waiting on us) and retry. */
    while (!event_push(&target->events, type, arg)) {
        ipi_send(cpu);
        cpu_process_events(this_vcpu());
    }
    ipi_send(cpu);
}

void cpu_process_events(struct vcpu *v)
{
    struct event e;
    while (event_pop(&v->events, &e)) {
        switch (e.type) {
        case EVENT_WAKEUP:
            break; /* the caller re-derives interrupt lines */
        case EVENT_START_VCPU:
            if (v->state == VCPU_PARKED && v->zone) {
                vcpu_reset(v, e.arg);
                vcpu_run(v);
            }
            break;
        case EVENT_SHUTDOWN:
            v->state = VCPU_PARKED;
            break;
        default:
            pr_warn("CPU %u: unknown event %u\n", v->cpu, e.type);
        }
    }
}

/*
 * A parked vCPU is started by its guest's boot protocol (linux-boot.md §4):
 * the boot vCPU writes the entry to our mailbox 0 and sends IPI vector 0.
 */
void cpu_park(struct vcpu *v)
{
    for (;;) {
        ipi_ack();
        cpu_process_events(v);
        u64 entry = vipi_mbox64(&v->vipi, 0);
        if (v->zone && (__atomic_load_n(&v->vipi.status, __ATOMIC_ACQUIRE) & 1) && entry) {
            /* QEMU's firmware loop clears STATUS before jumping */
            __atomic_fetch_and(&v->vipi.status, ~1u, __ATOMIC_ACQ_REL);
            pr_info("CPU %u: starting zone %u vCPU %u at %lx\n", v->cpu, v->zone->id, v->id, entry);
            vcpu_reset(v, entry & ((1UL << 48) - 1));
            vcpu_run(v);
        }
        csr_xchg(CSR_ECFG, BIT(INT_IPI), ECFG_LIE_MASK);
        if (!(csr_read(CSR_ESTAT) & BIT(INT_IPI)))
            cpu_idle();
    }
}
