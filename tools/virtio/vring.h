/*
 * Split virtqueues (virtio 1.x, 2.7) in a zone's memory. The three areas are
 * checked once when the driver makes the queue ready; every chain taken off
 * the available ring is checked as it is walked: the head and each next
 * index below the queue size, at most `num` descriptors (a loop ends there),
 * each buffer inside the zone's memory, readable buffers before writable
 * ones. A check that fails leaves the queue as it was and says why.
 */
#ifndef VIRTIO_VRING_H
#define VIRTIO_VRING_H

#include "mem.h"
#include <stdbool.h>
#include <stdint.h>

#define VQ_MAX_SIZE 256

#define VRING_DESC_F_NEXT     1
#define VRING_DESC_F_WRITE    2
#define VRING_DESC_F_INDIRECT 4

struct vring_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};

struct vring_avail {
    uint16_t flags;
    uint16_t idx;
    uint16_t ring[];
};

struct vring_used_elem {
    uint32_t id;
    uint32_t len;
};

struct vring_used {
    uint16_t flags;
    uint16_t idx;
    struct vring_used_elem ring[];
};

struct vq {
    /* the registers the driver writes */
    uint32_t num;
    bool ready;
    uint64_t desc_gpa, avail_gpa, used_gpa;
    /* set by vq_setup */
    struct vring_desc *desc;
    struct vring_avail *avail;
    struct vring_used *used;
    uint16_t last_avail; /* next available entry to take */
    uint16_t used_idx;   /* next used entry to fill */
    char err[160];       /* why the last check failed */
};

struct vq_buf {
    uint8_t *p;
    uint32_t len;
    bool write;
};

/* One descriptor chain: its buffers in order, readable ones first. */
struct vq_chain {
    uint16_t head;
    unsigned n;
    unsigned n_read; /* buf[0..n_read) are readable, the rest writable */
    uint64_t read_len, write_len;
    struct vq_buf buf[VQ_MAX_SIZE];
};

/* Back to the state after reset: not ready, no areas, size max. */
void vq_reset(struct vq *q, uint32_t num_max);
/* The queue's areas translated and checked (size a power of 2 up to max, alignment, memory). */
bool vq_setup(struct vq *q, const struct zone_mem *m, uint32_t num_max);
/* The driver has made buffers available that vq_pop has not taken yet. */
bool vq_has_buffers(const struct vq *q);
/* The next chain into *c: 1, 0 when there is none, -1 when it is malformed (q->err says why). */
int vq_pop(struct vq *q, const struct zone_mem *m, struct vq_chain *c);
/* Chain head back to the driver with len bytes written. */
void vq_push(struct vq *q, uint16_t head, uint32_t len);

/* Copies from / into the chain's readable / writable bytes, from byte offset off on. */
uint64_t chain_read(const struct vq_chain *c, uint64_t off, void *dst, uint64_t len);
uint64_t chain_write(const struct vq_chain *c, uint64_t off, const void *src, uint64_t len);
/*
 * The chain's readable (write false) or writable bytes [off, off + len) as
 * at most max iovecs; returns how many, or -1 if they do not fit or the
 * bytes are not all there.
 */
struct iovec;
int chain_iov(const struct vq_chain *c, bool write, uint64_t off, uint64_t len, struct iovec *iov,
              int max);

#endif
