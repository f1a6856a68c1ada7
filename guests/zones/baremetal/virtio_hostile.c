/*
 * Mode 4 (zone-bm-hostile.json): a malicious virtio driver against the
 * root's daemon. Each of its three devices (blk, net, console) is brought
 * up and must serve a good request; then comes each attack of attacks[]:
 * descriptors outside the zone's RAM, across its end, of a huge length or
 * wrapping around, a looping chain, bad next and head indices, an avail
 * index far ahead, queue areas outside the RAM, reads of every size at
 * every offset, garbage written everywhere, and (blk) a ring the daemon's
 * own reads keep refilling. After each, one line: whether the device went
 * into DEVICE_NEEDS_RESET (with its configuration interrupt), then
 * whether, reset, it serves a good request again.
 */
#include <baremetal/console.h>
#include <baremetal/csr.h>
#include <baremetal/trap.h>
#include <loongarch/regs.h>
#include "virtio_drv.h"
#include "zone.h"

#define RAM_END 0x01000000UL /* the zone's RAM: 16 MiB at 0 */

static struct dev devs[] = {
    {"blk", 0x8000000030001000UL, 2, 0, 4, 0x800000, 0, 0},
    {"net", 0x8000000030002000UL, 1, 1, 5, 0x810000, 0, 0},
    {"console", 0x8000000030003000UL, 3, 1, 6, 0x820000, 0, 0},
};

static u64 rng;
static u64 next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* what a sweep of every offset and size did: through to the daemon, refused, neither */
static u32 answered, refused, unexpected;

static void sweep_result(int r, u32 off, unsigned size)
{
    /* lvisor refuses exactly the accesses that run past the window */
    int past = off + size > WINDOW;
    if (r == 0 && !past)
        answered++;
    else if (r == 1 && past)
        refused++;
    else
        unexpected++;
}

/* Reads of sizes 1, 2, 4 and 8 at every offset: the daemon answers 32-bit registers only. */
static void reads(struct dev *d)
{
    static const unsigned sizes[] = {1, 2, 4, 8};
    for (u32 off = 0; off < WINDOW; off += 4) {
        for (unsigned s = 0; s < 4; s++) {
            u64 v = ~0UL;
            int r = access(d->win + off, sizes[s], 0, &v);
            sweep_result(r, off, sizes[s]);
            if (r)
                continue;
            /* a register read at another size is refused: 0 */
            if (off < CONFIG && sizes[s] != 4 && v != 0)
                unexpected++;
            if (sizes[s] == 4 && ((off == MAGIC_VALUE && v != 0x74726976) ||
                                  (off == VERSION && v != 2) || (off == DEVICE_ID && v != d->id)))
                unexpected++;
        }
    }
}

/* Writes of every size at every offset: all ones, random, 1, then 0. */
static void garbage(struct dev *d)
{
    static const unsigned sizes[] = {1, 2, 4, 8};
    rng = 0x9e3779b97f4a7c15UL + d->id;
    for (int round = 0; round < 4; round++)
        for (u32 off = 0; off < WINDOW; off += 4)
            for (unsigned s = 0; s < 4; s++) {
                u64 v = round == 0 ? ~0UL : round == 1 ? next_rand() : round == 2 ? 1 : 0;
                sweep_result(access(d->win + off, sizes[s], 1, &v), off, sizes[s]);
            }
}

/* One bad buffer in a chain that is otherwise fine: blk's data, the others' second part. */
static void bad_buffer(struct dev *d, u64 addr, u32 len)
{
    if (d->id == 2) {
        fill(buf(d, 0), 16, 0);
        set_desc(d, 0, buf(d, 0), 16, D_NEXT, 1);
        set_desc(d, 1, addr, len, D_NEXT | D_WRITE, 2);
        set_desc(d, 2, buf(d, 2), 1, D_WRITE, 0);
    } else {
        set_desc(d, 0, buf(d, 0), 16, D_NEXT, 1);
        set_desc(d, 1, addr, len, 0, 0);
    }
    offer(d, 0);
}

/*
 * blk: a ring that never runs dry until the daemon has read REFILL + 1 chains,
 * as a CPU of the zone refilling it would keep it. Sector s of 1..REFILL holds
 * {u16 s + 1, u64 s + 1}, and each request reads its sector onto the avail
 * index (one more chain waiting) and its own sector number, then 256 KiB more;
 * sector REFILL + 1 holds the index the daemon will have reached: the end.
 */
#define REFILL      1000
#define REFILL_DATA 0x100000UL /* the sectors as written, then the 256 KiB read each time */
#define REFILL_BULK 0x40000U

static u32 refill_answered_at; /* chains served when the register read came back */

static int blk_write_refill_sectors(struct dev *d)
{
    u64 data = REFILL_DATA;
    fill(data, (REFILL + 1) * 512, 0);
    for (u32 s = 1; s <= REFILL + 1; s++) {
        u64 at = data + (s - 1) * 512UL;
        *(volatile u16 *)at = (u16)(s <= REFILL ? s + 1 : REFILL + 1);
        for (u32 i = 0; i < 8 && s <= REFILL; i++)
            *(volatile u8 *)(at + 2 + i) = (u8)((u64)(s + 1) >> (8 * i));
    }
    fill(buf(d, 0), 16, 0);
    *(volatile u32 *)buf(d, 0) = 1; /* VIRTIO_BLK_T_OUT at sector 1 */
    *(volatile u64 *)(buf(d, 0) + 8) = 1;
    fill(buf(d, 2), 1, 0xff);
    set_desc(d, 0, buf(d, 0), 16, D_NEXT, 1);
    set_desc(d, 1, data, (REFILL + 1) * 512, D_NEXT, 2);
    set_desc(d, 2, buf(d, 2), 1, D_WRITE, 0);
    offer(d, 0);
    return wait_used(d) && *(volatile u8 *)buf(d, 2) == 0;
}

static void refilling_ring(struct dev *d)
{
    u64 hdr = buf(d, 0);
    fill(hdr, 16, 0);
    *(volatile u64 *)(hdr + 8) = 1; /* VIRTIO_BLK_T_IN at sector 1 */
    set_desc(d, 0, hdr, 16, D_NEXT, 1);
    set_desc(d, 1, d->area + 0x1002, 2, D_NEXT | D_WRITE, 2); /* the avail index */
    set_desc(d, 2, hdr + 8, 8, D_NEXT | D_WRITE, 3);
    set_desc(d, 3, REFILL_DATA, REFILL_BULK, D_NEXT | D_WRITE, 4);
    set_desc(d, 4, buf(d, 2), 1, D_WRITE, 0);
    offer(d, 0);
    /* the next register access: the daemon answers between batches, not once the ring ran dry */
    (void)rd(d, STATUS);
    refill_answered_at = *used_idx(d);
    for (u64 end = rdtime() + 20 * SECOND; rdtime() < end && *used_idx(d) != REFILL + 1;)
        ;
    answered = *used_idx(d); /* all chains served: REFILL + 1 */
}

enum kind {
    BUFFER,
    LOOP,
    NEXT_PAST,
    INDIRECT,
    AVAIL_JUMP,
    HEAD_PAST,
    QUEUE_AREAS,
    READS,
    GARBAGE,
    REFILLING, /* blk only */
};

struct attack {
    const char *name;
    enum kind kind;
    u64 a, b, c; /* BUFFER: address, length; QUEUE_AREAS: descriptors, avail, used (0: its own) */
};

static const struct attack attacks[] = {
    {"outside-ram", BUFFER, RAM_END, 0x200, 0},
    {"zone1-ram", BUFFER, 0xc0000000, 0x200, 0}, /* zone 1's RAM, by the root's address */
    {"across-end", BUFFER, RAM_END - 0x100, 0x200, 0},
    {"huge-length", BUFFER, 0x900000, 0xffffffff, 0},
    {"wraps", BUFFER, ~0UL - 0xff, 0x200, 0},
    {"loop", LOOP, 0, 0, 0},
    {"next-past-queue", NEXT_PAST, 0, 0, 0},
    {"indirect", INDIRECT, 0, 0, 0},
    {"avail-idx-jump", AVAIL_JUMP, 0, 0, 0},
    {"head-past-queue", HEAD_PAST, 0, 0, 0},
    {"desc-table-across-end", QUEUE_AREAS, RAM_END - 0x80, 0, 0},
    {"avail-ring-outside", QUEUE_AREAS, 0, RAM_END, 0},
    {"used-ring-host-address", QUEUE_AREAS, 0, 0, 0xdf002000}, /* its own RAM, by the root's */
    {"reads", READS, 0, 0, 0},
    {"garbage", GARBAGE, 0, 0, 0},
    {"refilling-ring", REFILLING, 0, 0, 0},
};

/* The attack on a device that is up; 0 if it could not even be set up. */
static int attack(struct dev *d, const struct attack *a)
{
    if (a->kind == QUEUE_AREAS) {
        if (!negotiate(d))
            return 0;
        queue_at(d, a->a ? a->a : d->area, a->b ? a->b : d->area + 0x1000,
                 a->c ? a->c : d->area + 0x2000);
        return 1;
    }
    if (!up(d))
        return 0;
    answered = refused = unexpected = 0;
    if (a->kind == REFILLING) {
        /* the sectors go on the disk first, then the queue starts afresh */
        if (!blk_write_refill_sectors(d) || !up(d))
            return 0;
        refilling_ring(d);
        return 1;
    }
    switch (a->kind) {
    case BUFFER:
        bad_buffer(d, a->a, (u32)a->b);
        break;
    case LOOP: /* 0 -> 1 -> 0 -> ... */
        set_desc(d, 0, buf(d, 0), 16, D_NEXT, 1);
        set_desc(d, 1, buf(d, 0) + 16, 16, D_NEXT, 0);
        offer(d, 0);
        break;
    case NEXT_PAST:
        set_desc(d, 0, buf(d, 0), 16, D_NEXT, QSIZE);
        offer(d, 0);
        break;
    case INDIRECT: /* not offered */
        set_desc(d, 0, buf(d, 0), 16, D_INDIRECT, 0);
        offer(d, 0);
        break;
    case AVAIL_JUMP:
        avail(d)[1] = (u16)(d->avail_idx + 0x8000);
        dbar();
        wr(d, QUEUE_NOTIFY, d->q);
        break;
    case HEAD_PAST:
        offer(d, 0x1234);
        break;
    case READS:
        reads(d);
        break;
    case GARBAGE:
        garbage(d);
        break;
    case QUEUE_AREAS:
    case REFILLING:
        break;
    }
    return 1;
}

static void puthex2(u32 v)
{
    puts_("0x");
    putc_("0123456789abcdef"[(v >> 4) & 0xf]);
    putc_("0123456789abcdef"[v & 0xf]);
}

/* The device reset comes back: Status 0, line down, its identity, a good request served. */
static int recovers(struct dev *d)
{
    wr(d, STATUS, 0);
    if (rd(d, STATUS) != 0 || !wait_line(d, 0))
        return 0;
    if (rd(d, MAGIC_VALUE) != 0x74726976 || rd(d, VERSION) != 2 || rd(d, DEVICE_ID) != d->id)
        return 0;
    return up(d) && good(d);
}

static void bring_up(struct dev *d)
{
    puts_("hostile: ");
    puts_(d->name);
    puts_(" up");
    if (d->id == 2) {
        u64 cap = 0;
        access(d->win + CONFIG, 8, 0, &cap);
        puts_(", capacity ");
        putdec(cap);
    } else if (d->id == 1) {
        puts_(", mac ");
        for (u32 i = 0; i < 6; i++) {
            u64 b = 0;
            access(d->win + CONFIG + i, 1, 0, &b);
            puthex2((u32)b);
            puts_(i < 5 ? ":" : "");
        }
    }
    puts_(up(d) && good(d) ? ": works\n" : ": DOES NOT WORK\n");
}

/* One attack and its line; counts what it did. */
static void run(struct dev *d, const struct attack *a, u32 *needs_reset, u32 *recovered)
{
    puts_("hostile: ");
    puts_(d->name);
    puts_(" ");
    puts_(a->name);
    puts_(": ");
    if (!attack(d, a)) {
        puts_("SET-UP FAILED\n");
        return;
    }
    if (a->kind == READS || a->kind == GARBAGE) {
        putdec(answered);
        puts_(a->kind == READS ? " answered, " : " written, ");
        putdec(refused);
        puts_(" refused by lvisor, ");
        putdec(unexpected);
        puts_(" unexpected; ");
    } else if (a->kind == REFILLING) {
        putdec(answered);
        puts_(refill_answered_at < answered ? " chains, a read answered between them; "
                                            : " chains, a read answered only after them; ");
    }
    u32 st = rd(d, STATUS);
    if (st & S_NEEDS_RESET) {
        (*needs_reset)++;
        puts_("needs-reset (status ");
        puthex2(st);
        /* the device tells with a configuration change interrupt */
        int irq = (rd(d, INT_STATUS) & 2) && wait_line(d, 1);
        puts_(irq ? ", config interrupt)" : ", NO config interrupt)");
    } else {
        puts_("no needs-reset (status ");
        puthex2(st);
        puts_(")");
    }
    int ok = recovers(d);
    *recovered += ok;
    puts_(ok ? ", recovered\n" : ", NOT RECOVERED\n");
}

void hostile(void)
{
    csrwr(CSR_EENTRY, (u64)trap_general);
    puts_("hostile: attacking the virtio daemon\n");
    u32 n = 0, needs_reset = 0, recovered = 0;
    for (u32 i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
        bring_up(&devs[i]);
        for (u32 k = 0; k < sizeof(attacks) / sizeof(attacks[0]); k++) {
            if (attacks[k].kind == REFILLING && devs[i].id != 2)
                continue;
            n++;
            run(&devs[i], &attacks[k], &needs_reset, &recovered);
        }
    }
    puts_("hostile: done, ");
    putdec(n);
    puts_(" attacks, ");
    putdec(needs_reset);
    puts_(" needs-reset, ");
    putdec(recovered);
    puts_(" recovered\n");
    for (;;)
        __asm__ volatile("idle 0");
}
