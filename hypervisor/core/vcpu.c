/* vCPU life cycle: entering, servicing after exits, idle, pending MMIO, stopping. */
#include "core/vcpu.h"
#include "core/arch.h"
#include "core/cpu.h"
#include "core/zone.h"
#include "lib/printf.h"

struct vcpu vcpus[CONFIG_MAX_CPUS];

void vcpu_run(struct vcpu *v)
{
    v->state = VCPU_RUNNING;
    /* Events queued behind the one that started us (a shutdown right after a start) would
     * wait for the guest's next exit, which may never come: an IPI to ourselves makes one. */
    if (!event_queue_empty(&v->events))
        arch_ipi_send(v->cpu);
    vcpu_arch_update_ipi_line(v);
    vcpu_arch_enter(v);
}

void vcpu_service(struct vcpu *v)
{
    if (hv_stopping)
        arch_cpu_halt();
    cpu_process_events(v);
}

/* Wakes on anything the guest could take: its timer, its IPI, a device line it enabled. */
void vcpu_wait_for_interrupt(struct vcpu *v)
{
    v->idle_exits++;
    v->in_idle = true;
    for (;;) {
        vcpu_service(v);
        vcpu_arch_update_ipi_line(v);
        if (vcpu_arch_interrupt_pending(v) || v->state != VCPU_RUNNING)
            break;
        vcpu_arch_idle_wait(v);
    }
    v->in_idle = false;
}

/* An answer that comes by IPI is waited for asleep; one that comes in memory (the
 * virtio daemon's), polled on this CPU, never on another zone's. */
void vcpu_wait_mmio(struct vcpu *v)
{
    while (v->mmio_pending) {
        vcpu_service(v);
        if (!v->mmio_pending)
            break;
        if (v->mmio_poll)
            v->mmio_poll(v);
        else
            arch_cpu_wait_ipi();
    }
}

void mmio_complete(struct vcpu *v, u64 value)
{
    if (!v->mmio_pending)
        return;
    v->mmio.value = value;
    vcpu_arch_complete_mmio(v, &v->mmio);
    v->mmio_poll = NULL;
    v->mmio_pending = false;
}

void vcpu_stop(struct vcpu *v, bool shutdown)
{
    v->in_idle = false;
    v->mmio_pending = false;
    v->mmio_poll = NULL;
    __atomic_store_n(&v->state, VCPU_STOPPED, __ATOMIC_RELEASE);
    if (!shutdown)
        pr_info("CPU %u parked\n", v->cpu);
    cpu_park(v);
}
