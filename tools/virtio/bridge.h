/*
 * The virtio bridge page lvisor and the daemon share
 * (include/lvisor/virtio_bridge.h, hvisor-tool's layout): lvisor produces MMIO requests into
 * req_list, the daemon answers a read or write through cfg_values/cfg_flags
 * of the requesting CPU, and queues interrupts for zones into res_list,
 * which lvisor drains on FINISH_REQ. Nothing read from the page is trusted:
 * indices are masked, the CPU and the size checked.
 */
#ifndef VIRTIO_BRIDGE_H
#define VIRTIO_BRIDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lvisor/virtio_bridge.h>

#define BRIDGE_MAX_REQ  LVISOR_BRIDGE_MAX_REQ
#define BRIDGE_MAX_DEVS LVISOR_BRIDGE_MAX_DEVS
#define BRIDGE_MAX_CPUS LVISOR_BRIDGE_MAX_CPUS

/* The hypervisor's two calls the daemon makes: /dev/hvisor's ioctls, or a test's stand-ins. */
struct hv_ops {
    int (*finish_req)(void *ctx);
    int (*deassert_irq)(void *ctx, uint32_t zone, uint32_t irq);
    void *ctx;
};

/* One request, checked: cpu < 32, size 1/2/4/8, value cut to the size. */
struct mmio_req {
    unsigned cpu;
    uint64_t addr;
    unsigned size;
    uint64_t value;
    uint32_t zone;
    bool write;
    bool notify; /* need_interrupt: no answer expected */
};

struct bridge {
    struct lvisor_bridge_page *page;
    struct hv_ops hv;
    unsigned long bad_reqs; /* requests refused (logged once) */
    bool bad_cpu_logged, bad_size_logged, res_full_logged;
};

void bridge_init(struct bridge *b, struct lvisor_bridge_page *page, const struct hv_ops *hv);
/* A request is waiting in req_list. */
bool bridge_pending(const struct bridge *b);
/*
 * Takes the next request off the ring into *r: true, or false when the ring
 * is empty. A malformed request is consumed, answered with 0 where someone
 * waits for it, counted and logged once, and the next one is taken.
 */
bool bridge_pop(struct bridge *b, struct mmio_req *r);
/* The answer to a read (or the acknowledgement of a write) of r's CPU. */
void bridge_reply(struct bridge *b, const struct mmio_req *r, uint64_t value);
/* Queues an interrupt for (zone, irq) and calls FINISH_REQ; false if it could not be queued. */
bool bridge_raise(struct bridge *b, uint32_t zone, uint32_t irq);
int bridge_deassert(struct bridge *b, uint32_t zone, uint32_t irq);
/*
 * The daemon goes to sleep: need_wakeup = 1, then a full barrier and a last
 * look at the ring. False (and need_wakeup back to 0) if a request came in.
 */
bool bridge_sleep_begin(struct bridge *b);
void bridge_sleep_end(struct bridge *b);

#endif
