/* The bare-metal zone's virtio-mmio driver (virtio_drv.h). */
#include <baremetal/csr.h>
#include <loongarch/regs.h>
#include "virtio_drv.h"
#include "zone.h"

/* Sector 0 of the zone's disk image: this, then zeros (the test writes it). */
static const char disk_sig[] = "lvisor hostile zone disk";
static const char console_text[] = "hostile: console ok\n";

static void wr64(const struct dev *d, u32 off, u64 v)
{
    wr(d, off, (u32)v);
    wr(d, off + 4, (u32)(v >> 32));
}

void fill(u64 at, u64 len, u8 v)
{
    for (u64 i = 0; i < len; i++)
        *(volatile u8 *)(at + i) = v;
}

static volatile struct desc *desc(const struct dev *d, u16 i)
{
    return (volatile struct desc *)d->area + i;
}
static volatile u32 *used_elem(const struct dev *d, u16 i)
{
    return (volatile u32 *)(d->area + 0x2004 + 8 * (i % QSIZE));
}

void set_desc(const struct dev *d, u16 i, u64 addr, u32 len, u16 flags, u16 next)
{
    volatile struct desc *p = desc(d, i);
    p->addr = addr;
    p->len = len;
    p->flags = flags;
    p->next = next;
}

void offer(struct dev *d, u16 head)
{
    avail(d)[2 + d->avail_idx % QSIZE] = head;
    dbar();
    avail(d)[1] = ++d->avail_idx;
    dbar();
    wr(d, QUEUE_NOTIFY, d->q);
}

static int line_up(const struct dev *d) { return (csrrd(CSR_ESTAT) >> d->line) & 1; }

int wait_line(const struct dev *d, int up)
{
    for (u64 end = rdtime() + SECOND; rdtime() < end;)
        if (line_up(d) == up)
            return 1;
    return 0;
}

int negotiate(const struct dev *d)
{
    wr(d, STATUS, 0);
    if (rd(d, STATUS) != 0)
        return 0;
    wr(d, STATUS, S_ACK);
    wr(d, STATUS, S_ACK | S_DRIVER);
    wr(d, DEV_FEAT_SEL, 1);
    if (!(rd(d, DEV_FEATURES) & 1))
        return 0;
    wr(d, DRV_FEAT_SEL, 1);
    wr(d, DRV_FEATURES, 1);
    wr(d, DRV_FEAT_SEL, 0);
    wr(d, DRV_FEATURES, 0);
    wr(d, STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
    return (rd(d, STATUS) & S_FEATURES_OK) != 0;
}

void queue_at(struct dev *d, u64 descs, u64 avail_ring, u64 used_ring)
{
    fill(d->area, 0x7000, 0);
    d->avail_idx = d->used_seen = 0;
    wr(d, QUEUE_SEL, d->q);
    wr(d, QUEUE_NUM, QSIZE);
    wr64(d, QUEUE_DESC, descs);
    wr64(d, QUEUE_AVAIL, avail_ring);
    wr64(d, QUEUE_USED, used_ring);
    wr(d, QUEUE_READY, 1);
}

int up(struct dev *d)
{
    if (!negotiate(d))
        return 0;
    wr(d, QUEUE_SEL, d->q);
    if (rd(d, QUEUE_NUM_MAX) < QSIZE)
        return 0;
    queue_at(d, d->area, d->area + 0x1000, d->area + 0x2000);
    if (rd(d, QUEUE_READY) != 1)
        return 0;
    wr(d, STATUS, S_LIVE);
    return rd(d, STATUS) == S_LIVE;
}

int wait_used(struct dev *d)
{
    for (u64 end = rdtime() + 2 * SECOND; rdtime() < end;)
        if (*used_idx(d) != d->used_seen) {
            dbar();
            d->used_seen++;
            return 1;
        }
    return 0;
}

static int sector0_ok(u64 data)
{
    for (u32 i = 0; i < 512; i++) {
        u8 want = i < sizeof(disk_sig) - 1 ? (u8)disk_sig[i] : 0;
        if (*(volatile u8 *)(data + i) != want)
            return 0;
    }
    return 1;
}

int good(struct dev *d)
{
    u64 b0 = buf(d, 0), b1 = buf(d, 1), b2 = buf(d, 2);
    u32 want_len = 0;
    if (d->id == 2) {
        fill(b0, 16, 0); /* VIRTIO_BLK_T_IN, sector 0 */
        fill(b1, 512, 0xaa);
        fill(b2, 1, 0xff);
        set_desc(d, 0, b0, 16, D_NEXT, 1);
        set_desc(d, 1, b1, 512, D_NEXT | D_WRITE, 2);
        set_desc(d, 2, b2, 1, D_WRITE, 0);
        want_len = 513;
    } else if (d->id == 1) {
        /* the 12-byte header, then a broadcast frame of the local experimental EtherType */
        fill(b0, 12 + 60, 0);
        fill(b0 + 12, 6, 0xff);
        fill(b0 + 18, 1, 0x02);
        fill(b0 + 23, 1, 0x03);
        fill(b0 + 24, 1, 0x88);
        fill(b0 + 25, 1, 0xb5);
        set_desc(d, 0, b0, 12 + 60, 0, 0);
    } else {
        for (u32 i = 0; i < sizeof(console_text) - 1; i++)
            *(volatile u8 *)(b0 + i) = (u8)console_text[i];
        set_desc(d, 0, b0, sizeof(console_text) - 1, 0, 0);
    }
    offer(d, 0);
    if (!wait_used(d))
        return 0;
    volatile u32 *e = used_elem(d, (u16)(d->used_seen - 1));
    if (e[0] != 0 || e[1] != want_len)
        return 0;
    if (d->id == 2 && (*(volatile u8 *)b2 != 0 || !sector0_ok(b1)))
        return 0;
    u32 isr = rd(d, INT_STATUS);
    if (!(isr & 1) || !wait_line(d, 1))
        return 0;
    wr(d, INT_ACK, isr);
    return wait_line(d, 0);
}

/* an access lvisor refuses raises an address error here: trap() longjmps back to the setjmp */
int access(u64 addr, unsigned size, int write, u64 *v)
{
    trap_ecode = ~0UL;
    if (setjmp(zone_escape))
        return trap_ecode == ECODE_ADE && trap_badv == addr ? 1 : 2;
    if (write) {
        if (size == 1)
            *(volatile u8 *)addr = (u8)*v;
        else if (size == 2)
            *(volatile u16 *)addr = (u16)*v;
        else if (size == 4)
            *(volatile u32 *)addr = (u32)*v;
        else
            *(volatile u64 *)addr = *v;
    } else {
        if (size == 1)
            *v = *(volatile u8 *)addr;
        else if (size == 2)
            *v = *(volatile u16 *)addr;
        else if (size == 4)
            *v = *(volatile u32 *)addr;
        else
            *v = *(volatile u64 *)addr;
    }
    return 0;
}
