/*
 * The daemon's side of the bridge page. lvisor writes a request into
 * req_list[req_rear], then (release) req_rear; the daemon reads req_rear
 * with acquire, copies the slot once, and hands the slot back by storing
 * req_front with release. An answer is cfg_values[cpu], then (release)
 * cfg_flags[cpu] + 1, which the waiting CPU spins on. Responses go the
 * same way through res_list and res_rear.
 */
#include "bridge.h"
#include "log.h"
#include <string.h>

#define RING_MASK (BRIDGE_MAX_REQ - 1)

void bridge_init(struct bridge *b, struct lvisor_bridge_page *page, const struct hv_ops *hv)
{
    memset(b, 0, sizeof(*b));
    b->page = page;
    b->hv = *hv;
}

bool bridge_pending(const struct bridge *b)
{
    uint32_t rear = __atomic_load_n(&b->page->req_rear, __ATOMIC_ACQUIRE) & RING_MASK;
    uint32_t front = __atomic_load_n(&b->page->req_front, __ATOMIC_RELAXED) & RING_MASK;
    return rear != front;
}

static uint64_t cut(uint64_t v, unsigned size)
{
    return size == 8 ? v : v & ((1ULL << (8 * size)) - 1);
}

static void answer(struct bridge *b, unsigned cpu, uint64_t value)
{
    struct lvisor_bridge_page *p = b->page;
    __atomic_store_n(&p->cfg_values[cpu], value, __ATOMIC_RELAXED);
    /* the value is there before the flag moves; the CPU reads it after seeing the flag */
    uint64_t flag = __atomic_load_n(&p->cfg_flags[cpu], __ATOMIC_RELAXED);
    __atomic_store_n(&p->cfg_flags[cpu], flag + 1, __ATOMIC_RELEASE);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

bool bridge_pop(struct bridge *b, struct mmio_req *r)
{
    struct lvisor_bridge_page *p = b->page;
    for (;;) {
        uint32_t rear = __atomic_load_n(&p->req_rear, __ATOMIC_ACQUIRE) & RING_MASK;
        uint32_t front = __atomic_load_n(&p->req_front, __ATOMIC_RELAXED) & RING_MASK;
        if (rear == front)
            return false;
        /* one copy of the slot: lvisor (or a root bug) changing it later changes nothing here */
        struct lvisor_bridge_req q;
        memcpy(&q, (const void *)&p->req_list[front], sizeof(q));
        __atomic_store_n(&p->req_front, (front + 1) & RING_MASK, __ATOMIC_RELEASE);

        if (q.src_cpu >= BRIDGE_MAX_CPUS) {
            b->bad_reqs++;
            log_once(&b->bad_cpu_logged,
                     "bridge: request from CPU %llu (0-%d expected) dropped; such requests are "
                     "logged once",
                     (unsigned long long)q.src_cpu, BRIDGE_MAX_CPUS - 1);
            continue;
        }
        if (q.size != 1 && q.size != 2 && q.size != 4 && q.size != 8) {
            b->bad_reqs++;
            log_once(&b->bad_size_logged,
                     "bridge: zone %u CPU %llu: access of %llu bytes at 0x%llx refused (answered "
                     "0); such requests are logged once",
                     q.src_zone, (unsigned long long)q.src_cpu, (unsigned long long)q.size,
                     (unsigned long long)q.address);
            if (!q.need_interrupt)
                answer(b, (unsigned)q.src_cpu, 0);
            continue;
        }
        r->cpu = (unsigned)q.src_cpu;
        r->addr = q.address;
        r->size = (unsigned)q.size;
        r->value = cut(q.value, r->size);
        r->zone = q.src_zone;
        r->write = q.is_write != 0;
        r->notify = q.need_interrupt != 0;
        return true;
    }
}

void bridge_reply(struct bridge *b, const struct mmio_req *r, uint64_t value)
{
    /* a QueueNotify write has nobody waiting: its CPU's flag must not move */
    if (r->notify)
        return;
    answer(b, r->cpu, r->write ? 0 : cut(value, r->size));
}

bool bridge_raise(struct bridge *b, uint32_t zone, uint32_t irq)
{
    struct lvisor_bridge_page *p = b->page;
    for (int tries = 0; tries < 1000; tries++) {
        uint32_t rear = __atomic_load_n(&p->res_rear, __ATOMIC_RELAXED) & RING_MASK;
        uint32_t front = __atomic_load_n(&p->res_front, __ATOMIC_ACQUIRE) & RING_MASK;
        if (((rear + 1) & RING_MASK) == front) {
            /* lvisor drains the ring on FINISH_REQ: ask it to, then look again */
            b->hv.finish_req(b->hv.ctx);
            continue;
        }
        p->res_list[rear].target_zone = zone;
        p->res_list[rear].irq_id = irq;
        __atomic_store_n(&p->res_rear, (rear + 1) & RING_MASK, __ATOMIC_RELEASE);
        int rc = b->hv.finish_req(b->hv.ctx);
        if (rc < 0)
            logf_("bridge: FINISH_REQ for zone %u irq %u failed (%d)", zone, irq, rc);
        return true;
    }
    log_once(&b->res_full_logged,
             "bridge: the response ring stays full: interrupt of zone %u "
             "irq %u not sent (logged once)",
             zone, irq);
    return false;
}

int bridge_deassert(struct bridge *b, uint32_t zone, uint32_t irq)
{
    int rc = b->hv.deassert_irq(b->hv.ctx, zone, irq);
    if (rc < 0)
        logf_("bridge: DEASSERT_IRQ zone %u irq %u failed (%d)", zone, irq, rc);
    return rc;
}

bool bridge_sleep_begin(struct bridge *b)
{
    __atomic_store_n(&b->page->need_wakeup, 1, __ATOMIC_RELAXED);
    /* lvisor writes a request, then reads need_wakeup: one of us sees the other */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (bridge_pending(b)) {
        bridge_sleep_end(b);
        return false;
    }
    return true;
}

void bridge_sleep_end(struct bridge *b)
{
    __atomic_store_n(&b->page->need_wakeup, 0, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}
