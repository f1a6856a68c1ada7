/*
 * Events between CPUs. Each CPU owns a bounded queue; senders append under the
 * queue's lock and then raise a physical IPI. An event is never dropped or
 * overwritten: a full queue makes the sender wait (the receiver drains with
 * interrupts off, so it always makes progress).
 */
#ifndef CORE_EVENT_H
#define CORE_EVENT_H

#include "lib/types.h"
#include "lib/spinlock.h"

#define EVENT_QUEUE_LEN 64

enum event_type {
    EVENT_NONE,
    EVENT_WAKEUP,     /* re-check guest interrupt lines */
    EVENT_START_VCPU, /* arg = guest entry PC */
    EVENT_STOP,       /* its zone was parked, or (arg STOP_SHUTDOWN) shuts down: stop this vcpu */
    EVENT_LEAVE,      /* leave the home zone for another, if its guest gave the CPU up */
    EVENT_SET_IRQ,    /* raise or lower a virtual interrupt line (virtio_bridge.c's arg) */
};

/* EVENT_STOP's arg: the zone's id << 8, | STOP_SHUTDOWN for a shutdown (else: parked). A stop
 * that arrives after its zone is gone (the CPU may be home again) changes nothing. */
#define STOP_SHUTDOWN               1
#define STOP_ARG(zone_id, shutdown) ((u64)(zone_id) << 8 | (shutdown))

struct event {
    u32 type;
    u64 arg;
};

struct event_queue {
    spinlock_t lock;
    u32 head, tail; /* head: next to pop; tail: next free */
    struct event slots[EVENT_QUEUE_LEN];
};

void event_queue_init(struct event_queue *q);
/* Returns false when the queue is full; the caller retries (back-pressure). */
bool event_push(struct event_queue *q, u32 type, u64 arg);
/* Only the owner calls this; a push that lands after it raises an IPI. */
static inline bool event_queue_empty(const struct event_queue *q)
{
    return __atomic_load_n(&q->tail, __ATOMIC_ACQUIRE) == q->head;
}
/* Returns false when the queue is empty. */
bool event_pop(struct event_queue *q, struct event *out);
u32 event_count(struct event_queue *q);

#endif
