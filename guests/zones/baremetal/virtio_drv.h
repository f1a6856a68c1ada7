/*
 * A minimal virtio-mmio driver for the bare-metal zone (virtio 1.x, split
 * rings): one queue per device, polled; the device's interrupt line is
 * read in ESTAT, interrupts stay masked. virtio_hostile.c is built on it.
 */
#ifndef VIRTIO_DRV_H
#define VIRTIO_DRV_H

#include <baremetal/types.h>

#define QSIZE  16
#define SECOND 100000000UL /* of the 100 MHz counter */
#define WINDOW 0x200       /* each device's register window */

#define MAGIC_VALUE   0x000
#define VERSION       0x004
#define DEVICE_ID     0x008
#define DEV_FEATURES  0x010
#define DEV_FEAT_SEL  0x014
#define DRV_FEATURES  0x020
#define DRV_FEAT_SEL  0x024
#define QUEUE_SEL     0x030
#define QUEUE_NUM_MAX 0x034
#define QUEUE_NUM     0x038
#define QUEUE_READY   0x044
#define QUEUE_NOTIFY  0x050
#define INT_STATUS    0x060
#define INT_ACK       0x064
#define STATUS        0x070
#define QUEUE_DESC    0x080
#define QUEUE_AVAIL   0x090
#define QUEUE_USED    0x0a0
#define CONFIG        0x100

#define S_ACK         0x01
#define S_DRIVER      0x02
#define S_DRIVER_OK   0x04
#define S_FEATURES_OK 0x08
#define S_NEEDS_RESET 0x40
#define S_LIVE        (S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK)

#define D_NEXT     1
#define D_WRITE    2
#define D_INDIRECT 4

struct desc {
    u64 addr;
    u32 len;
    u16 flags;
    u16 next;
};

struct dev {
    const char *name;
    u64 win;  /* its window (DA mode ignores the top bits: uncached) */
    u32 id;   /* DeviceID */
    u32 q;    /* the queue it drives: blk's requests, net's and console's transmit queue */
    u32 line; /* its CPU interrupt number, the ESTAT bit of its HWI line */
    u64 area; /* descriptors, avail ring +0x1000, used ring +0x2000, buffers +0x4000.. */
    u16 avail_idx, used_seen;
};

static inline u32 rd(const struct dev *d, u32 off) { return *(volatile u32 *)(d->win + off); }
static inline void wr(const struct dev *d, u32 off, u32 v) { *(volatile u32 *)(d->win + off) = v; }
static inline void dbar(void) { __asm__ volatile("dbar 0" ::: "memory"); }
/* the device's buffers: 4 KiB each from +0x4000 */
static inline u64 buf(const struct dev *d, unsigned n) { return d->area + 0x4000 + 0x1000 * n; }
static inline volatile u16 *avail(const struct dev *d)
{
    return (volatile u16 *)(d->area + 0x1000); /* flags, idx, ring[] */
}
static inline volatile u16 *used_idx(const struct dev *d)
{
    return (volatile u16 *)(d->area + 0x2002);
}

void fill(u64 at, u64 len, u8 v);
void set_desc(const struct dev *d, u16 i, u64 addr, u32 len, u16 flags, u16 next);
/* head into the avail ring, its index moved on, the queue notified */
void offer(struct dev *d, u16 head);
/* the line at level `up` within a second */
int wait_line(const struct dev *d, int up);
/* Reset, ACKNOWLEDGE, DRIVER, VERSION_1 alone, FEATURES_OK: 0 if the device refused. */
int negotiate(const struct dev *d);
/* The queue, QSIZE entries, at these zone addresses; QueueReady last. */
void queue_at(struct dev *d, u64 descs, u64 avail_ring, u64 used_ring);
/* The device up, its queue in place: 1 when it says so. */
int up(struct dev *d);
/* The next used entry within 2 s: 1 when it came. */
int wait_used(struct dev *d);
/*
 * A request the device must serve (blk: read sector 0; net: send a frame;
 * console: print a line): 1 if it came back right, with its interrupt, and
 * the line went down once acknowledged.
 */
int good(struct dev *d);
/* One access of size bytes at addr: 0 done, 1 refused by lvisor (an address error), 2 other. */
int access(u64 addr, unsigned size, int write, u64 *v);

#endif
