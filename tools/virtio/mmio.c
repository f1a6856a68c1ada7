/*
 * The virtio-mmio register file. Registers below 0x100 take 32-bit accesses
 * only, at their own offsets; the config space takes 1, 2, 4 and 8 bytes
 * inside it (a read past its end reads 0, writes to it are ignored: neither
 * kind has a writable field). Writes to read-only registers and reads of
 * write-only ones are refused like unknown offsets.
 */
#include "mmio.h"
#include "log.h"
#include <stdio.h>
#include <string.h>

static void reset(struct vdev *d)
{
    d->dev_features_sel = d->drv_features_sel = d->queue_sel = 0;
    d->driver_features = 0;
    d->status = 0;
    d->interrupt_status = 0;
    d->more = 0;
    for (unsigned q = 0; q < VDEV_MAX_QUEUES; q++)
        vq_reset(&d->vq[q], VDEV_QUEUE_MAX);
    if (d->irq_up) {
        bridge_deassert(d->bridge, d->zone, d->irq);
        d->irq_up = false;
    }
    if (d->ops->reset)
        d->ops->reset(d);
}

void vdev_init(struct vdev *d, const struct vdev_ops *ops, void *priv, uint32_t zone, uint64_t base,
               uint64_t len, uint32_t irq, const struct zone_mem *mem, struct bridge *bridge)
{
    memset(d, 0, sizeof(*d));
    d->ops = ops;
    d->priv = priv;
    d->zone = zone;
    d->base = base;
    d->len = len;
    d->irq = irq;
    d->mem = mem;
    d->bridge = bridge;
    snprintf(d->name, sizeof(d->name), "zone %u %s@0x%llx", zone, ops->kind,
             (unsigned long long)base);
    reset(d);
}

static uint64_t features(const struct vdev *d)
{
    return d->ops->features | 1ULL << VIRTIO_F_VERSION_1;
}

bool vdev_live(const struct vdev *d)
{
    return (d->status & VIRTIO_STATUS_DRIVER_OK) && !(d->status & VIRTIO_STATUS_NEEDS_RESET);
}

struct vq *vdev_queue(struct vdev *d, unsigned q)
{
    if (q >= d->ops->nqueues || !vdev_live(d) || !d->vq[q].ready)
        return NULL;
    return &d->vq[q];
}

static void raise_line(struct vdev *d)
{
    /* a line already up stays up until the driver acknowledges: the two merge */
    if (d->irq_up)
        return;
    if (bridge_raise(d->bridge, d->zone, d->irq))
        d->irq_up = true;
}

void vdev_needs_reset(struct vdev *d, unsigned q, const char *why)
{
    if (d->status & VIRTIO_STATUS_NEEDS_RESET)
        return;
    log_once(&d->bad_queue_logged, "%s: queue %u: %s: device needs reset (logged once)", d->name, q,
             why);
    d->status |= VIRTIO_STATUS_NEEDS_RESET;
    /* the driver learns of it through a configuration change notification (4.2.2.1) */
    d->interrupt_status |= VIRTIO_INT_CONFIG;
    raise_line(d);
}

void vdev_interrupt(struct vdev *d)
{
    d->interrupt_status |= VIRTIO_INT_VRING;
    raise_line(d);
}

bool vdev_batch_over(struct vdev *d, unsigned q, unsigned done)
{
    if (done < d->vq[q].num)
        return false;
    d->more |= 1u << q;
    return true;
}

static bool refuse(struct vdev *d, uint64_t off, unsigned size, bool write)
{
    d->refused++;
    log_once(&d->bad_access_logged,
             "%s: %u-byte %s at offset 0x%llx refused; such accesses are logged once", d->name,
             size, write ? "write" : "read", (unsigned long long)off);
    return false;
}

static uint64_t config_read(struct vdev *d, uint64_t off, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint64_t at = off + i;
        if (at < d->config_len)
            v |= (uint64_t)d->config[at] << (8 * i);
    }
    return v;
}

static void set_half(uint64_t *reg, bool high, uint32_t v)
{
    if (high)
        *reg = (*reg & 0xffffffffULL) | (uint64_t)v << 32;
    else
        *reg = (*reg & ~0xffffffffULL) | v;
}

static uint32_t reg_read(struct vdev *d, uint64_t off, bool *ok)
{
    struct vq *q = d->queue_sel < d->ops->nqueues ? &d->vq[d->queue_sel] : NULL;
    switch (off) {
    case VIRTIO_MMIO_MAGIC_VALUE:
        return VIRTIO_MMIO_MAGIC;
    case VIRTIO_MMIO_VERSION_REG:
        return VIRTIO_MMIO_VERSION;
    case VIRTIO_MMIO_DEVICE_ID:
        return d->ops->device_id;
    case VIRTIO_MMIO_VENDOR_ID:
        return VIRTIO_VENDOR_ID;
    case VIRTIO_MMIO_DEVICE_FEATURES:
        return d->dev_features_sel < 2 ? (uint32_t)(features(d) >> (32 * d->dev_features_sel)) : 0;
    case VIRTIO_MMIO_QUEUE_NUM_MAX:
        /* 0: no such queue (4.2.2.2) */
        return q ? VDEV_QUEUE_MAX : 0;
    case VIRTIO_MMIO_QUEUE_READY:
        return q ? q->ready : 0;
    case VIRTIO_MMIO_INTERRUPT_STATUS:
        return d->interrupt_status;
    case VIRTIO_MMIO_STATUS:
        return d->status;
    case VIRTIO_MMIO_CONFIG_GENERATION:
        return d->config_generation;
    default:
        *ok = false;
        return 0;
    }
}

static void set_status(struct vdev *d, uint32_t v)
{
    if (v == 0) {
        reset(d);
        return;
    }
    v &= 0xff;
    /* NEEDS_RESET is the device's to set; only a reset clears it */
    v = (v & ~VIRTIO_STATUS_NEEDS_RESET) | (d->status & VIRTIO_STATUS_NEEDS_RESET);
    if ((v & VIRTIO_STATUS_FEATURES_OK) && !(d->status & VIRTIO_STATUS_FEATURES_OK)) {
        /* features the device did not offer, or no VERSION_1: FEATURES_OK stays clear */
        uint64_t f = d->driver_features;
        if ((f & ~features(d)) || !(f & 1ULL << VIRTIO_F_VERSION_1)) {
            log_once(&d->bad_features_logged,
                     "%s: driver features 0x%llx refused (offered 0x%llx; logged once)", d->name,
                     (unsigned long long)f, (unsigned long long)features(d));
            v &= ~VIRTIO_STATUS_FEATURES_OK;
        }
    }
    bool now_ok = (v & VIRTIO_STATUS_DRIVER_OK) && !(d->status & VIRTIO_STATUS_DRIVER_OK);
    d->status = v;
    /* buffers made available before DRIVER_OK were not looked at: they are now */
    for (unsigned q = 0; now_ok && q < d->ops->nqueues; q++)
        if (vdev_queue(d, q) && d->ops->notify)
            d->ops->notify(d, q);
}

static void queue_ready(struct vdev *d, struct vq *q, uint32_t v)
{
    if (!v) {
        q->ready = false;
        return;
    }
    if (q->ready)
        return;
    if (!vq_setup(q, d->mem, VDEV_QUEUE_MAX)) {
        vdev_needs_reset(d, d->queue_sel, q->err);
        return;
    }
    q->ready = true;
}

static void notify(struct vdev *d, uint32_t v)
{
    if (v >= d->ops->nqueues) {
        log_once(&d->bad_notify_logged, "%s: notify of queue %u, which it has not (logged once)",
                 d->name, v);
        return;
    }
    if (vdev_queue(d, v) && d->ops->notify)
        d->ops->notify(d, v);
}

static bool reg_write(struct vdev *d, uint64_t off, uint32_t v)
{
    struct vq *q = d->queue_sel < d->ops->nqueues ? &d->vq[d->queue_sel] : NULL;
    /* the areas of a ready queue are fixed until it is made not ready (or reset) */
    bool q_open = q && !q->ready;
    switch (off) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
        d->dev_features_sel = v;
        return true;
    case VIRTIO_MMIO_DRIVER_FEATURES:
        /* the driver may only change them before FEATURES_OK */
        if (d->drv_features_sel < 2 && !(d->status & VIRTIO_STATUS_FEATURES_OK))
            set_half(&d->driver_features, d->drv_features_sel, v);
        return true;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
        d->drv_features_sel = v;
        return true;
    case VIRTIO_MMIO_QUEUE_SEL:
        d->queue_sel = v;
        return true;
    case VIRTIO_MMIO_QUEUE_NUM:
        if (q_open)
            q->num = v;
        return true;
    case VIRTIO_MMIO_QUEUE_READY:
        if (q)
            queue_ready(d, q, v);
        return true;
    case VIRTIO_MMIO_QUEUE_NOTIFY:
        notify(d, v);
        return true;
    case VIRTIO_MMIO_INTERRUPT_ACK:
        d->interrupt_status &= ~v;
        if (!d->interrupt_status && d->irq_up) {
            bridge_deassert(d->bridge, d->zone, d->irq);
            d->irq_up = false;
        }
        return true;
    case VIRTIO_MMIO_STATUS:
        set_status(d, v);
        return true;
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        if (q_open)
            set_half(&q->desc_gpa, off == VIRTIO_MMIO_QUEUE_DESC_HIGH, v);
        return true;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        if (q_open)
            set_half(&q->avail_gpa, off == VIRTIO_MMIO_QUEUE_DRIVER_HIGH, v);
        return true;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        if (q_open)
            set_half(&q->used_gpa, off == VIRTIO_MMIO_QUEUE_DEVICE_HIGH, v);
        return true;
    default:
        return false;
    }
}

uint64_t vdev_access(struct vdev *d, uint64_t off, unsigned size, bool write, uint64_t value)
{
    if (off >= VIRTIO_MMIO_CONFIG) {
        if (write)
            return 0;
        return config_read(d, off - VIRTIO_MMIO_CONFIG, size);
    }
    if (size != 4 || off % 4) {
        refuse(d, off, size, write);
        return 0;
    }
    if (write) {
        if (!reg_write(d, off, (uint32_t)value))
            refuse(d, off, size, write);
        return 0;
    }
    bool ok = true;
    uint32_t v = reg_read(d, off, &ok);
    if (!ok)
        refuse(d, off, size, write);
    return v;
}
