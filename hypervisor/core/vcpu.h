/* A virtual CPU: pinned 1:1 to a physical CPU (static partitioning). */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include "lib/types.h"
#include "core/event.h"
#include "core/mmio.h"
#include "core/panic.h"
#include <arch/vcpu_arch.h>

struct zone;

/* Answers to EVENT_LEAVE (a CPU asked to leave its home zone for another). */
enum { LEAVE_ASKED, LEAVE_DONE, LEAVE_REFUSED };

enum vcpu_state {
    VCPU_OFFLINE, /* CPU not assigned to any zone */
    VCPU_PARKED,  /* assigned; waiting for the guest's start protocol */
    VCPU_RUNNING,
    VCPU_STOPPED, /* its zone was parked: stays off until the zone is destroyed */
};

struct vcpu {
    struct vcpu_arch arch; /* first: holds the register frame of the vectors */
    u32 cpu;               /* physical CPU */
    u32 id;                /* index inside its zone = guest CPU number */
    struct zone *zone;
    struct zone *home; /* the zone it belongs to when no other holds it (the root's CPUs) */
    u32 home_id;       /* its vcpu id there */
    volatile enum vcpu_state state;
    volatile bool in_idle;     /* its guest waits for an interrupt, in lvisor's idle loop */
    volatile u32 leave_answer; /* LEAVE_*: its answer to the last EVENT_LEAVE */
    struct event_queue events; /* work sent by other CPUs */
    bool mmio_pending;         /* an access waits for mmio_complete */
    struct mmio_access mmio;   /* that access */
    /* while pending: whether the answer came (it then calls mmio_complete), polled */
    bool (*mmio_poll)(struct vcpu *v);
    u64 mmio_wait_flag; /* what mmio_poll compares against */
    u64 exits;
    u64 idle_exits;
    u64 exit_causes[64]; /* by the architecture's exit cause, for HVC_LVISOR_EXIT_COUNT */
    u64 tlb_refills;     /* stage-2 refills, which are not exits */
};

extern struct vcpu vcpus[CONFIG_MAX_CPUS];

static inline struct vcpu *vcpu_of_cpu(u32 cpu) { return &vcpus[cpu]; }

void vcpu_run(struct vcpu *v) __attribute__((noreturn));
/* Everything a vCPU needs after an exit, before it re-enters: events, lvisor's state. */
void vcpu_service(struct vcpu *v);
/* The same after any exit, inline: most exits have nothing queued. A panic
 * elsewhere is seen at the interrupt exit its IPI makes (exit paths check
 * hv_stopping there, not on every exit). */
static inline void vcpu_service_fast(struct vcpu *v)
{
    if (!event_queue_empty(&v->events))
        vcpu_service(v);
}
/* Waits (without spinning) until this vCPU has something to do. */
void vcpu_wait_for_interrupt(struct vcpu *v);
/* Waits until a pending MMIO access is completed, then finishes the instruction. */
void vcpu_wait_mmio(struct vcpu *v);
/* Called on the vCPU's own CPU when the answer to its pending access arrives. */
void mmio_complete(struct vcpu *v, u64 value);
/* Stops this vCPU until its zone is destroyed: parked (logs "CPU n parked") or shut down. */
void vcpu_stop(struct vcpu *v, bool shutdown) __attribute__((noreturn));

#endif
