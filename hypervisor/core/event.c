/* Bounded multi-producer, single-consumer event queue (see event.h). */
#include "core/event.h"

void event_queue_init(struct event_queue *q)
{
    q->lock.locked = 0;
    q->head = q->tail = 0;
}

bool event_push(struct event_queue *q, u32 type, u64 arg)
{
    bool ok = false;
    spin_lock(&q->lock);
    if (q->tail - q->head < EVENT_QUEUE_LEN) {
        struct event *e = &q->slots[q->tail % EVENT_QUEUE_LEN];
        e->type = type;
        e->arg = arg;
        q->tail++;
        ok = true;
    }
    spin_unlock(&q->lock);
    return ok;
}

bool event_pop(struct event_queue *q, struct event *out)
{
    bool ok = false;
    /* Every exit polls its queue: skip the lock when it is empty. Only this
     * consumer moves head; a push that lands after the check raises an IPI,
     * whose exit polls again. */
    if (event_queue_empty(q))
        return false;
    spin_lock(&q->lock);
    if (q->head != q->tail) {
        *out = q->slots[q->head % EVENT_QUEUE_LEN];
        q->head++;
        ok = true;
    }
    spin_unlock(&q->lock);
    return ok;
}

u32 event_count(struct event_queue *q)
{
    spin_lock(&q->lock);
    u32 n = q->tail - q->head;
    spin_unlock(&q->lock);
    return n;
}
