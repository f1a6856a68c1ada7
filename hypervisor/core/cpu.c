/* Event delivery between CPUs and the loop of a CPU whose vCPU is not running. */
#include "core/cpu.h"
#include "core/arch.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include "core/virtio_bridge.h"
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

/*
 * EVENT_LEAVE: another zone wants this CPU. It goes only if its guest has
 * given it up: never started, or sitting in the dead-CPU loop Linux runs for
 * an offline CPU (lvz: idle with nothing but IPIs enabled).
 */
static void leave_zone(struct vcpu *v, u32 asked)
{
    bool running = v->state == VCPU_RUNNING;
    bool given_up =
        v->state == VCPU_PARKED || (running && v->in_idle && vcpu_arch_guest_offline(v));
    u32 answer = (asked & ~3u) | (v->zone && given_up ? LEAVE_DONE : LEAVE_REFUSED);
    /* the asker may have given up meanwhile (a newer word): then nothing changes */
    if (!__atomic_compare_exchange_n(&v->leave_answer, &asked, answer, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE) ||
        (answer & 3) != LEAVE_DONE)
        return;
    v->zone = NULL;
    v->in_idle = false;
    __atomic_store_n(&v->state, VCPU_OFFLINE, __ATOMIC_RELEASE);
    if (running)
        cpu_park(v); /* the guest's exit is abandoned: it never resumes */
}

/* A zone's first vCPU starts at its entry with the zone's boot arguments. */
void vcpu_start(struct vcpu *v, u64 entry)
{
    vcpu_arch_reset(v, entry);
    if (v->id == 0) {
        vcpu_arch_set_arg(v, 0, v->zone->boot_a0);
        vcpu_arch_set_arg(v, 1, v->zone->boot_a1);
        vcpu_arch_set_arg(v, 2, v->zone->boot_a2);
    }
    vcpu_run(v);
}

void cpu_process_events(struct vcpu *v)
{
    struct event e;
    while (event_pop(&v->events, &e)) {
        switch (e.type) {
        case EVENT_WAKEUP:
            break; /* the caller re-derives interrupt lines */
        case EVENT_START_VCPU:
            if (v->state == VCPU_PARKED && v->zone && v->zone->state == ZONE_RUNNING)
                vcpu_start(v, e.arg);
            break;
        case EVENT_STOP:
            if (!v->zone || v->zone->id != (u32)(e.arg >> 8))
                break; /* a late stop for a zone this CPU has left */
            /* A running vCPU leaves its exit for good; a parked one just changes state
             * (it is in cpu_park already: no nesting, however often it happens). */
            if (v->state == VCPU_RUNNING)
                vcpu_stop(v, (e.arg & STOP_SHUTDOWN) != 0);
            else if (v->state == VCPU_PARKED)
                __atomic_store_n(&v->state, VCPU_STOPPED, __ATOMIC_RELEASE);
            break;
        case EVENT_LEAVE:
            leave_zone(v, (u32)e.arg);
            break;
        case EVENT_SET_IRQ:
            virtio_bridge_set_irq_event(v, e.arg);
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
        /* the state is written last by whoever hands this CPU to a zone */
        if (__atomic_load_n(&v->state, __ATOMIC_ACQUIRE) == VCPU_PARKED && v->zone &&
            v->zone->state == ZONE_RUNNING && vcpu_arch_boot_entry(v, &entry)) {
            pr_info("CPU %u: starting zone %u vCPU %u at %lx\n", v->cpu, v->zone->id, v->id, entry);
            vcpu_arch_reset(v, entry);
            vcpu_run(v);
        }
        arch_cpu_wait_ipi();
    }
}
