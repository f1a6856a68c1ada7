/* Event delivery between CPUs and the loop of a CPU whose vCPU is not running. */
#include "core/cpu.h"
#include "core/arch.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include "lib/printf.h"

volatile u64 cpus_online;

void cpu_send_event(u32 cpu, u32 type, u64 arg)
{
    struct vcpu *self = vcpu_of_cpu(arch_cpu_id());
    /* Never drop an event: while the target's queue is full, keep our own
     * queue moving (the target may be waiting on us) and retry. */
    while (!event_push(&vcpu_of_cpu(cpu)->events, type, arg)) {
        arch_ipi_send(cpu);
        cpu_process_events(self);
    }
    arch_ipi_send(cpu);
}

void cpu_process_events(struct vcpu *v)
{
    struct event e;
    while (event_pop(&v->events, &e)) {
        switch (e.type) {
        case EVENT_WAKEUP:
            break; /* the caller re-derives interrupt lines */
        case EVENT_START_VCPU:
            if (v->state == VCPU_PARKED && v->zone && v->zone->state == ZONE_RUNNING) {
                vcpu_arch_reset(v, e.arg);
                vcpu_run(v);
            }
            break;
        case EVENT_STOP:
            if (v->state != VCPU_STOPPED && v->state != VCPU_OFFLINE)
                vcpu_stop(v);
            break;
        default:
            pr_warn("CPU %u: unknown event %u\n", v->cpu, e.type);
        }
    }
}

/*
 * A parked vCPU is started by its guest's boot protocol (linux-boot.md §4):
 * the boot vCPU writes the entry to our mailbox 0 and sends IPI vector 0,
 * which the architecture's emulated IPI block turns into vcpu_arch_boot_entry.
 */
void cpu_park(struct vcpu *v)
{
    for (;;) {
        if (hv_stopping)
            arch_cpu_halt();
        cpu_process_events(v);
        u64 entry;
        if (v->state == VCPU_PARKED && v->zone && v->zone->state == ZONE_RUNNING &&
            vcpu_arch_boot_entry(v, &entry)) {
            pr_info("CPU %u: starting zone %u vCPU %u at %lx\n", v->cpu, v->zone->id, v->id, entry);
            vcpu_arch_reset(v, entry);
            vcpu_run(v);
        }
        arch_cpu_wait_ipi();
    }
}
