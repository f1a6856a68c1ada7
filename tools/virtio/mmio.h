/*
 * One virtio-mmio device (virtio 1.x, 4.2.2, version 2): its register file,
 * its queues and its interrupt line. The device kinds (console.c, blk.c)
 * give the ID, their features, their config space and what a notified queue
 * does. A register access of the wrong size, or at an offset no register
 * has, is refused (reads 0, writes change nothing) and logged once; a
 * malformed queue puts the device into DEVICE_NEEDS_RESET until the driver
 * resets it.
 */
#ifndef VIRTIO_MMIO_H
#define VIRTIO_MMIO_H

#include "bridge.h"
#include "mem.h"
#include "vring.h"
#include <stdbool.h>
#include <stdint.h>

#define VIRTIO_MMIO_MAGIC   0x74726976 /* "virt" */
#define VIRTIO_MMIO_VERSION 2
#define VIRTIO_VENDOR_ID    0x4c56 /* "LV" */

/* Register offsets. */
#define VIRTIO_MMIO_MAGIC_VALUE         0x000
#define VIRTIO_MMIO_VERSION_REG         0x004
#define VIRTIO_MMIO_DEVICE_ID           0x008
#define VIRTIO_MMIO_VENDOR_ID           0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES     0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES     0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL           0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX       0x034
#define VIRTIO_MMIO_QUEUE_NUM           0x038
#define VIRTIO_MMIO_QUEUE_READY         0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY        0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS    0x060
#define VIRTIO_MMIO_INTERRUPT_ACK       0x064
#define VIRTIO_MMIO_STATUS              0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW      0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH     0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW    0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH   0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW    0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH   0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION   0x0fc
#define VIRTIO_MMIO_CONFIG              0x100

/* Status bits. */
#define VIRTIO_STATUS_ACKNOWLEDGE 0x01
#define VIRTIO_STATUS_DRIVER      0x02
#define VIRTIO_STATUS_DRIVER_OK   0x04
#define VIRTIO_STATUS_FEATURES_OK 0x08
#define VIRTIO_STATUS_NEEDS_RESET 0x40
#define VIRTIO_STATUS_FAILED      0x80

/* InterruptStatus bits. */
#define VIRTIO_INT_VRING  0x1
#define VIRTIO_INT_CONFIG 0x2

#define VIRTIO_F_VERSION_1 32

#define VDEV_MAX_QUEUES 2
#define VDEV_CONFIG_MAX 64
#define VDEV_QUEUE_MAX  VQ_MAX_SIZE

struct vdev;

struct vdev_ops {
    const char *kind;   /* "console", "blk" */
    uint32_t device_id; /* virtio device ID */
    unsigned nqueues;
    uint64_t features; /* besides VERSION_1 */
    /* the driver notified queue q (q < nqueues) */
    void (*notify)(struct vdev *d, unsigned q);
    /* the device was reset: drop what the kind keeps about the queues */
    void (*reset)(struct vdev *d);
    /* a descriptor the main loop polls for the device (a pty, a tap), or -1 */
    int (*poll_fd)(struct vdev *d);
    /* it should be polled for input now (the device has buffers to fill) */
    bool (*wants_input)(struct vdev *d);
    /* it is readable */
    void (*input)(struct vdev *d);
};

struct vdev {
    const struct vdev_ops *ops;
    void *priv; /* the kind's own state */
    char name[48];
    /* where it is */
    uint32_t zone, irq;
    uint64_t base, len;
    const struct zone_mem *mem;
    struct bridge *bridge;
    /* config space, as the driver reads it at 0x100 */
    uint8_t config[VDEV_CONFIG_MAX];
    unsigned config_len;
    /* the register file */
    uint32_t dev_features_sel, drv_features_sel, queue_sel;
    uint64_t driver_features;
    uint32_t status, interrupt_status, config_generation;
    struct vq vq[VDEV_MAX_QUEUES];
    /* the line is up (raised, not yet deasserted) */
    bool irq_up;
    /* queues whose batch ended with buffers maybe left (bit q): serve_requests goes on */
    uint32_t more;
    /* once-only log flags */
    bool bad_access_logged, bad_queue_logged, bad_notify_logged, bad_features_logged;
    unsigned long refused; /* register accesses refused */
};

/* A device at [base, base + len) of zone `zone`, raising `irq`, in reset state. */
void vdev_init(struct vdev *d, const struct vdev_ops *ops, void *priv, uint32_t zone, uint64_t base,
               uint64_t len, uint32_t irq, const struct zone_mem *mem, struct bridge *bridge);
/* A register access at off (< len): the value read, 0 for writes. */
uint64_t vdev_access(struct vdev *d, uint64_t off, unsigned size, bool write, uint64_t value);
/* The device is usable: DRIVER_OK and no NEEDS_RESET. */
bool vdev_live(const struct vdev *d);
/* Queue q is ready and the device usable. */
struct vq *vdev_queue(struct vdev *d, unsigned q);
/* NEEDS_RESET, a config-change interrupt, and the reason logged once. */
void vdev_needs_reset(struct vdev *d, unsigned q, const char *why);
/* Used buffers went back to the driver: InterruptStatus bit 0 and the line up. */
void vdev_interrupt(struct vdev *d);
/*
 * A notified queue is served a queue's worth of chains at a time: true (and
 * the queue marked in `more`) once `done` chains reach that. A zone that
 * keeps refilling its ring then cannot keep the daemon from everyone else.
 */
bool vdev_batch_over(struct vdev *d, unsigned q, unsigned done);

#endif
