/*
 * The test harness of the virtio daemon's core: it plays lvisor (requests
 * into the bridge page's ring, answers read back, FINISH_REQ and
 * DEASSERT_IRQ recorded) and a zone's virtio driver (queues and buffers in
 * a fake zone memory with inaccessible pages on either side), around the
 * daemon's own code built for the host.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include "../../../tools/virtio/serve.h"
#include <stdbool.h>
#include <stdint.h>

#define ZONE_ID   1
#define ZONE_CPU  3
#define ZONE_GPA  0x80000000ULL
#define ZONE_SIZE (1ULL << 20)
#define CON_BASE  0x30001000ULL
#define BLK_BASE  0x30002000ULL
#define CON_IRQ   4
#define BLK_IRQ   5
#define IMG_BYTES (64 * 1024)
/* net scenarios only (run in a network namespace of their own) */
#define NET_BASE 0x30003000ULL
#define NET_IRQ  6
#define NET_TAP  "lvtap0"

extern struct daemon dm;
extern struct lvisor_bridge_page *page;
extern uint8_t *zone_mem; /* the zone's ZONE_GPA */
extern int failures;
/* The daemon's loop runs in a thread of its own: requests are not served inline, */
/* and a sleeping daemon is kicked through kick_fd as lvisor's wake-up line would. */
extern bool threaded;
extern int kick_fd;
extern unsigned long kicks_sent;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                                 \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

/* lvisor's part: one access from the zone's CPU; the value read. */
uint64_t hv_access(uint64_t addr, unsigned size, bool write, uint64_t value);
static inline uint32_t rd(uint64_t base, uint64_t off)
{
    return (uint32_t)hv_access(base + off, 4, false, 0);
}
static inline void wr(uint64_t base, uint64_t off, uint32_t v)
{
    hv_access(base + off, 4, true, v);
}
/* A raw request into the ring as a broken lvisor might write it; served at once. */
void hv_raw(uint64_t cpu, uint64_t addr, uint64_t size, uint64_t value, bool write, bool notify);
/* Interrupts raised and lowered so far (FINISH_REQ / DEASSERT_IRQ). */
struct irq_log {
    unsigned raised, lowered;
    uint32_t last_zone, last_irq;
    bool up[16];
};
extern struct irq_log irqs;

/* The zone's driver: queue q of the device at base, in zone memory. */
struct gq {
    uint64_t base;
    unsigned q, num;
    uint64_t desc, avail, used; /* zone addresses */
    uint16_t avail_idx, used_seen, next_desc;
};
/* Status ACK, DRIVER, features (all offered ones, or `features`), FEATURES_OK. */
bool drv_negotiate(uint64_t base, uint64_t features);
/* Sets the queue up at zone address at (desc at, avail at + 0x1000, used at + 0x2000). */
void drv_queue(struct gq *g, uint64_t base, unsigned q, unsigned num, uint64_t at);
void drv_ok(uint64_t base);
/* A buffer in the chain being built: zone address, length, device-writable. */
struct gbuf {
    uint64_t addr;
    uint32_t len;
    bool write;
};
/* Puts the chain in the descriptor table and on the available ring, and notifies. */
uint16_t drv_add(struct gq *g, const struct gbuf *bufs, unsigned n, bool notify);
/* The next used entry: true and its id/len, or false. */
bool drv_used(struct gq *g, uint32_t *id, uint32_t *len);
/* A zone address to the harness's pointer (ZONE_GPA..+ZONE_SIZE). */
static inline void *gp(uint64_t gpa) { return zone_mem + (gpa - ZONE_GPA); }
struct vring_desc *gdesc(struct gq *g, unsigned i);
struct vring_avail *gavail(struct gq *g);

#endif
