/*
 * What the daemon must do for a well-behaved zone (register file, console
 * both ways, block read/write/flush/GET_ID) and what it must do for a
 * malicious one: refuse, or put the device into NEEDS_RESET, and touch
 * nothing outside the zone's memory (the harness's guard pages and ASan
 * see to that part).
 */
#include "scenarios.h"
#include "harness.h"
#include "../../../tools/virtio/loop.h"
#include <pthread.h>
#include <sys/eventfd.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define Q_AT(n)     (ZONE_GPA + 0x10000ULL * (n)) /* queue areas */
#define BUF_AT      (ZONE_GPA + 0x80000ULL)       /* data buffers */
#define ZONE_END    (ZONE_GPA + ZONE_SIZE)
#define BLK_F_FLUSH (1ULL << 9)

static uint32_t status(uint64_t base) { return rd(base, VIRTIO_MMIO_STATUS); }
static bool needs_reset(uint64_t base) { return status(base) & VIRTIO_STATUS_NEEDS_RESET; }

static void registers(void)
{
    CHECK(rd(CON_BASE, 0) == 0x74726976, "magic %#x", rd(CON_BASE, 0));
    CHECK(rd(CON_BASE, 4) == 2, "version %u", rd(CON_BASE, 4));
    CHECK(rd(CON_BASE, 8) == 3, "console id %u", rd(CON_BASE, 8));
    CHECK(rd(BLK_BASE, 8) == 2, "blk id %u", rd(BLK_BASE, 8));
    CHECK(rd(BLK_BASE, 0xc) == VIRTIO_VENDOR_ID, "vendor %#x", rd(BLK_BASE, 0xc));
    /* features: VERSION_1 in the high word, FLUSH and SEG_MAX in the low one */
    wr(BLK_BASE, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    CHECK(rd(BLK_BASE, VIRTIO_MMIO_DEVICE_FEATURES) == 1, "high features");
    wr(BLK_BASE, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    CHECK(rd(BLK_BASE, VIRTIO_MMIO_DEVICE_FEATURES) == (BLK_F_FLUSH | 1u << 2), "low features %#x",
          rd(BLK_BASE, VIRTIO_MMIO_DEVICE_FEATURES));
    wr(BLK_BASE, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 7);
    CHECK(rd(BLK_BASE, VIRTIO_MMIO_DEVICE_FEATURES) == 0, "features word 7");
    /* a feature not offered, or no VERSION_1: FEATURES_OK does not stick */
    CHECK(!drv_negotiate(BLK_BASE, 1ULL << 32 | 1ULL << 20), "unoffered feature accepted");
    CHECK(!drv_negotiate(BLK_BASE, BLK_F_FLUSH), "a driver without VERSION_1 accepted");
    CHECK(drv_negotiate(BLK_BASE, 1ULL << 32 | BLK_F_FLUSH), "FLUSH and VERSION_1 refused");
    CHECK(dm.devs[1].driver_features == (1ULL << 32 | BLK_F_FLUSH), "driver features %#llx",
          (unsigned long long)dm.devs[1].driver_features);
    /* queues: one for blk, two for the console */
    wr(BLK_BASE, VIRTIO_MMIO_QUEUE_SEL, 0);
    CHECK(rd(BLK_BASE, VIRTIO_MMIO_QUEUE_NUM_MAX) == 256, "blk queue 0 max");
    wr(BLK_BASE, VIRTIO_MMIO_QUEUE_SEL, 1);
    CHECK(rd(BLK_BASE, VIRTIO_MMIO_QUEUE_NUM_MAX) == 0, "blk queue 1 exists");
    wr(CON_BASE, VIRTIO_MMIO_QUEUE_SEL, 1);
    CHECK(rd(CON_BASE, VIRTIO_MMIO_QUEUE_NUM_MAX) == 256, "console queue 1 max");
    struct gq g;
    drv_queue(&g, BLK_BASE, 0, 64, Q_AT(0));
    CHECK(rd(BLK_BASE, VIRTIO_MMIO_QUEUE_READY) == 1, "queue not ready");
    CHECK(dm.devs[1].vq[0].num == 64 && dm.devs[1].vq[0].desc_gpa == Q_AT(0) &&
              dm.devs[1].vq[0].avail_gpa == Q_AT(0) + 0x1000 &&
              dm.devs[1].vq[0].used_gpa == Q_AT(0) + 0x2000,
          "queue registers");
    /* a ready queue's areas are fixed */
    wr(BLK_BASE, VIRTIO_MMIO_QUEUE_DESC_LOW, 0x1234);
    CHECK(dm.devs[1].vq[0].desc_gpa == Q_AT(0), "desc moved while ready");
    drv_ok(BLK_BASE);
    CHECK(status(BLK_BASE) == 0xf, "status %#x", status(BLK_BASE));
    /* config space: capacity 128 sectors, as a whole and in halves, and seg_max */
    CHECK(hv_access(BLK_BASE + 0x100, 8, false, 0) == IMG_BYTES / 512, "capacity");
    CHECK(rd(BLK_BASE, 0x100) == IMG_BYTES / 512 && rd(BLK_BASE, 0x104) == 0, "capacity halves");
    CHECK(hv_access(BLK_BASE + 0x10c, 2, false, 0) == 254, "seg_max");
    CHECK(hv_access(BLK_BASE + 0x1ff, 1, false, 0) == 0, "past the config space");
    CHECK(hv_access(CON_BASE + 0x104, 4, false, 0) == 1, "console max_nr_ports");
    CHECK(rd(BLK_BASE, VIRTIO_MMIO_CONFIG_GENERATION) == 0, "config generation");
    /* no device there: 0 */
    CHECK(hv_access(0x30003000, 4, false, 0) == 0, "read where no device is");
    /* reset */
    wr(BLK_BASE, VIRTIO_MMIO_STATUS, 0);
    CHECK(status(BLK_BASE) == 0 && rd(BLK_BASE, VIRTIO_MMIO_QUEUE_READY) == 0 &&
              dm.devs[1].driver_features == 0,
          "reset left state behind");
    CHECK(dm.bridge.bad_reqs == 0, "bad requests counted");
    CHECK(page->mmio_addrs[0] == CON_BASE && page->mmio_addrs[1] == BLK_BASE, "mmio_addrs");
}

static struct gq con_rx, con_tx;

static void console_up(void)
{
    CHECK(drv_negotiate(CON_BASE, 1ULL << 32), "console features");
    drv_queue(&con_rx, CON_BASE, 0, 16, Q_AT(1));
    drv_queue(&con_tx, CON_BASE, 1, 16, Q_AT(2));
    drv_ok(CON_BASE);
}

static int open_pty(void)
{
    int fd = open(dm.consoles[0].path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    CHECK(fd >= 0, "cannot open %s", dm.consoles[0].path);
    return fd;
}

static size_t read_pty(int fd, char *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 2000) <= 0)
            break;
        ssize_t n = read(fd, buf + got, len - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    return got;
}

static void console_out(void)
{
    console_up();
    int pty = open_pty();
    memcpy(gp(BUF_AT), "hello, ", 7);
    memcpy(gp(BUF_AT + 0x100), "root\n", 5);
    unsigned before = irqs.raised;
    struct gbuf b[2] = {{BUF_AT, 7, false}, {BUF_AT + 0x100, 5, false}};
    uint16_t head = drv_add(&con_tx, b, 2, true);
    char got[32] = "";
    size_t n = read_pty(pty, got, 12);
    CHECK(n == 12 && !memcmp(got, "hello, root\n", 12), "pty read %zu bytes \"%.*s\"", n, (int)n,
          got);
    uint32_t id, len;
    CHECK(drv_used(&con_tx, &id, &len) && id == head, "tx chain not used");
    CHECK(irqs.raised == before + 1 && irqs.last_zone == ZONE_ID && irqs.last_irq == CON_IRQ,
          "interrupt %u zone %u irq %u", irqs.raised, irqs.last_zone, irqs.last_irq);
    CHECK(rd(CON_BASE, VIRTIO_MMIO_INTERRUPT_STATUS) == VIRTIO_INT_VRING, "interrupt status");
    /* a second chain before the ack: the line is still up, no second FINISH_REQ */
    drv_add(&con_tx, b, 1, true);
    CHECK(irqs.raised == before + 1, "interrupt raised twice");
    read_pty(pty, got, 7);
    wr(CON_BASE, VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_VRING);
    CHECK(!irqs.up[CON_IRQ] && irqs.lowered == 1, "line not lowered on ack");
    CHECK(rd(CON_BASE, VIRTIO_MMIO_INTERRUPT_STATUS) == 0, "status after ack");
    close(pty);
}

static void console_in(void)
{
    console_up();
    int pty = open_pty();
    struct vdev *d = &dm.devs[0];
    CHECK(!d->ops->wants_input(d), "input wanted with no buffer");
    memset(gp(BUF_AT), 0, 64);
    struct gbuf b = {BUF_AT, 64, true};
    uint16_t head = drv_add(&con_rx, &b, 1, true);
    CHECK(d->ops->wants_input(d), "a buffer waits, input not wanted");
    CHECK(write(pty, "ls -l\n", 6) == 6, "write to the pty");
    struct pollfd p = {.fd = ((struct console *)d->priv)->master, .events = POLLIN};
    CHECK(poll(&p, 1, 2000) == 1, "master not readable");
    d->ops->input(d);
    uint32_t id, len;
    CHECK(drv_used(&con_rx, &id, &len) && id == head && len == 6, "rx used id %u len %u", id, len);
    CHECK(!memcmp(gp(BUF_AT), "ls -l\n", 6), "rx bytes");
    CHECK(irqs.up[CON_IRQ], "no interrupt for input");
    /* input with no buffer waits in the pty and comes with the next buffer */
    CHECK(write(pty, "x", 1) == 1, "write");
    d->ops->input(d);
    CHECK(!drv_used(&con_rx, &id, &len), "used without a buffer");
    drv_add(&con_rx, &b, 1, true); /* the notify reads it */
    CHECK(drv_used(&con_rx, &id, &len) && len == 1 && *(char *)gp(BUF_AT) == 'x', "late input");
    close(pty);
}

static struct gq blkq;
static uint8_t image[IMG_BYTES];

static void blk_up(void)
{
    CHECK(drv_negotiate(BLK_BASE, 1ULL << 32 | BLK_F_FLUSH), "blk features");
    drv_queue(&blkq, BLK_BASE, 0, 64, Q_AT(3));
    drv_ok(BLK_BASE);
    for (unsigned i = 0; i < IMG_BYTES; i++)
        image[i] = (uint8_t)(i / 512 * 7 + i % 251);
}

struct hdr {
    uint32_t type, reserved;
    uint64_t sector;
};

/* One request: header at BUF_AT, data buffers as given, status at BUF_AT + 0x7f00. */
static uint8_t blk_req(uint32_t type, uint64_t sector, const struct gbuf *data, unsigned n,
                       uint32_t *used_len)
{
    struct hdr h = {.type = type, .sector = sector};
    memcpy(gp(BUF_AT), &h, sizeof(h));
    *(uint8_t *)gp(BUF_AT + 0x7f00) = 0xee;
    struct gbuf b[8];
    b[0] = (struct gbuf){BUF_AT, sizeof(h), false};
    for (unsigned i = 0; i < n; i++)
        b[1 + i] = data[i];
    b[1 + n] = (struct gbuf){BUF_AT + 0x7f00, 1, true};
    uint16_t head = drv_add(&blkq, b, n + 2, true);
    uint32_t id = 0xffff, len = 0;
    CHECK(drv_used(&blkq, &id, &len) && id == head, "request %u not used", type);
    *used_len = len;
    return *(uint8_t *)gp(BUF_AT + 0x7f00);
}

static void blk_io(void)
{
    blk_up();
    uint32_t len;
    /* read sectors 3-4 into two buffers of 700 and 324 bytes */
    memset(gp(BUF_AT + 0x1000), 0, 0x2000);
    struct gbuf rdb[2] = {{BUF_AT + 0x1000, 700, true}, {BUF_AT + 0x2000, 324, true}};
    CHECK(blk_req(0, 3, rdb, 2, &len) == 0, "read status");
    CHECK(len == 1025, "read used len %u", len);
    CHECK(!memcmp(gp(BUF_AT + 0x1000), image + 3 * 512, 700) &&
              !memcmp(gp(BUF_AT + 0x2000), image + 3 * 512 + 700, 324),
          "read bytes");
    /* write sector 5 */
    uint8_t *w = gp(BUF_AT + 0x3000);
    for (unsigned i = 0; i < 512; i++)
        w[i] = (uint8_t)(0xa5 ^ i);
    struct gbuf wb = {BUF_AT + 0x3000, 512, false};
    CHECK(blk_req(1, 5, &wb, 1, &len) == 0 && len == 1, "write status, len %u", len);
    memcpy(image + 5 * 512, w, 512);
    uint8_t file[IMG_BYTES];
    CHECK(pread(dm.blks[1].fd, file, IMG_BYTES, 0) == IMG_BYTES, "image read");
    CHECK(!memcmp(file, image, IMG_BYTES), "image differs after the write");
    /* flush, GET_ID */
    CHECK(blk_req(4, 0, NULL, 0, &len) == 0, "flush status");
    struct gbuf idb = {BUF_AT + 0x4000, 20, true};
    memset(gp(BUF_AT + 0x4000), 0, 20);
    CHECK(blk_req(8, 0, &idb, 1, &len) == 0 && len == 21, "get_id len %u", len);
    CHECK(!strncmp(gp(BUF_AT + 0x4000), "lvisor-z1-30002000", 20), "id \"%.20s\"",
          (char *)gp(BUF_AT + 0x4000));
    /* the last sector reads; one past the end does not, nor does a huge sector */
    struct gbuf one = {BUF_AT + 0x1000, 512, true};
    CHECK(blk_req(0, IMG_BYTES / 512 - 1, &one, 1, &len) == 0, "last sector");
    CHECK(blk_req(0, IMG_BYTES / 512, &one, 1, &len) == 1, "past the end");
    CHECK(blk_req(1, ~0ULL / 256, &wb, 1, &len) == 1, "huge sector");
    CHECK(blk_req(77, 0, NULL, 0, &len) == 2, "unknown type");
    CHECK(!needs_reset(BLK_BASE), "a good zone's device needs reset");
    CHECK(pread(dm.blks[1].fd, file, IMG_BYTES, 0) == IMG_BYTES && !memcmp(file, image, IMG_BYTES),
          "image changed by refused requests");
}

/* A queue that went wrong: NEEDS_RESET, a config interrupt, the chain not used. */
static void expect_reset(struct gq *g, const char *what)
{
    uint32_t id, len;
    CHECK(needs_reset(g->base), "%s: no NEEDS_RESET", what);
    CHECK(rd(g->base, VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG, "%s: no config irq", what);
    CHECK(!drv_used(g, &id, &len), "%s: used anyway", what);
}

/* Reset, then the device works again. */
static void blk_recovers(void)
{
    wr(BLK_BASE, VIRTIO_MMIO_STATUS, 0);
    CHECK(!needs_reset(BLK_BASE), "NEEDS_RESET survives a reset");
    blk_up();
    uint32_t len;
    struct gbuf one = {BUF_AT + 0x1000, 512, true};
    CHECK(blk_req(0, 1, &one, 1, &len) == 0 && !memcmp(gp(BUF_AT + 0x1000), image + 512, 512),
          "after reset");
}

static void bad_descriptors(void)
{
    static const struct {
        uint64_t addr;
        uint32_t len;
        const char *what;
    } bad[] = {
        {0x1000, 512, "below the zone"},
        {ZONE_END, 512, "just past the zone"},
        {ZONE_END - 256, 512, "across the zone's end"},
        {ZONE_GPA - 256, 512, "across the zone's start"},
        {BUF_AT, 0xffffffff, "a huge length"},
        {~0ULL - 100, 512, "wrapping around"},
        {0x7fffffffffffffffULL, 16, "far away"},
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        blk_up();
        struct gbuf b = {bad[i].addr, bad[i].len, true};
        struct hdr h = {.type = 0, .sector = 0};
        memcpy(gp(BUF_AT), &h, sizeof(h));
        struct gbuf chain[3] = {{BUF_AT, 16, false}, b, {BUF_AT + 0x7f00, 1, true}};
        drv_add(&blkq, chain, 3, true);
        expect_reset(&blkq, bad[i].what);
        blk_recovers();
    }
    /* the console's tx queue too */
    console_up();
    struct gbuf out = {ZONE_END - 4, 8, false};
    drv_add(&con_tx, &out, 1, true);
    expect_reset(&con_tx, "console output across the end");
}

static void looping_chain(void)
{
    blk_up();
    /* 0 -> 1 -> 2 -> 0 ... */
    for (unsigned i = 0; i < 3; i++) {
        struct vring_desc *d = gdesc(&blkq, i);
        d->addr = BUF_AT;
        d->len = 16;
        d->flags = VRING_DESC_F_NEXT;
        d->next = (uint16_t)((i + 1) % 3);
    }
    struct vring_avail *a = gavail(&blkq);
    a->ring[0] = 0;
    a->idx = 1;
    blkq.avail_idx = 1;
    wr(BLK_BASE, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    expect_reset(&blkq, "a loop");
    blk_recovers();
    /* a self-loop, a next past the queue, an indirect descriptor */
    const struct vring_desc cases[] = {
        {BUF_AT, 16, VRING_DESC_F_NEXT, 0},
        {BUF_AT, 16, VRING_DESC_F_NEXT, 64},
        {BUF_AT, 16, VRING_DESC_F_NEXT, 0xffff},
        {BUF_AT, 16, VRING_DESC_F_INDIRECT, 0},
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        blk_up();
        *gdesc(&blkq, 0) = cases[i];
        gavail(&blkq)->ring[0] = 0;
        gavail(&blkq)->idx = 1;
        blkq.avail_idx = 1;
        wr(BLK_BASE, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
        expect_reset(&blkq, "bad next");
        blk_recovers();
    }
    /* a writable buffer before a readable one */
    blk_up();
    struct gbuf b[3] = {{BUF_AT, 16, true}, {BUF_AT + 0x100, 16, false}, {BUF_AT + 0x200, 1, true}};
    drv_add(&blkq, b, 3, true);
    expect_reset(&blkq, "readable after writable");
    blk_recovers();
    /* no header, no status */
    blk_up();
    struct gbuf s[1] = {{BUF_AT, 8, false}};
    drv_add(&blkq, s, 1, true);
    expect_reset(&blkq, "a short request");
    blk_recovers();
}

static void bad_avail(void)
{
    uint16_t idxs[] = {65, 200, 0xffff, 0x8000};
    for (unsigned i = 0; i < sizeof(idxs) / sizeof(idxs[0]); i++) {
        blk_up();
        gavail(&blkq)->idx = idxs[i];
        wr(BLK_BASE, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
        expect_reset(&blkq, "avail index");
        blk_recovers();
    }
    /* a head past the queue */
    blk_up();
    gavail(&blkq)->ring[0] = 64;
    gavail(&blkq)->idx = 1;
    wr(BLK_BASE, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    expect_reset(&blkq, "head index");
    blk_recovers();
}

static void bad_queue(void)
{
    static const struct {
        unsigned num;
        uint64_t desc;
        const char *what;
    } bad[] = {
        {64, 0x1000, "table below the zone"},   {64, ZONE_END - 0x200, "table across the end"},
        {64, Q_AT(0) + 8, "misaligned table"},  {0, Q_AT(0), "size 0"},
        {48, Q_AT(0), "size not a power of 2"}, {512, Q_AT(0), "size above the maximum"},
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK(drv_negotiate(BLK_BASE, 1ULL << 32), "features");
        wr(BLK_BASE, VIRTIO_MMIO_QUEUE_SEL, 0);
        wr(BLK_BASE, VIRTIO_MMIO_QUEUE_NUM, bad[i].num);
        wr(BLK_BASE, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)bad[i].desc);
        wr(BLK_BASE, VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(bad[i].desc >> 32));
        wr(BLK_BASE, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)(Q_AT(0) + 0x1000));
        wr(BLK_BASE, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)(Q_AT(0) + 0x2000));
        wr(BLK_BASE, VIRTIO_MMIO_QUEUE_READY, 1);
        CHECK(rd(BLK_BASE, VIRTIO_MMIO_QUEUE_READY) == 0, "%s: ready", bad[i].what);
        CHECK(needs_reset(BLK_BASE), "%s: no NEEDS_RESET", bad[i].what);
        wr(BLK_BASE, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
        blk_recovers();
    }
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void garbage(void)
{
    console_up();
    blk_up();
    /* every offset of both windows, every size, many values; reads too */
    const unsigned sizes[] = {1, 2, 4, 8};
    const uint64_t bases[] = {CON_BASE, BLK_BASE};
    for (unsigned round = 0; round < 4; round++)
        for (unsigned b = 0; b < 2; b++)
            for (uint64_t off = 0; off < 0x200; off++)
                for (unsigned s = 0; s < 4; s++) {
                    uint64_t v = round == 0 ? ~0ULL : round == 1 ? 0 : next_rand();
                    hv_access(bases[b] + off, sizes[s], false, 0);
                    hv_access(bases[b] + off, sizes[s], true, v);
                }
    /* requests no lvisor would send: every one consumed, none crashes */
    unsigned long bad = dm.bridge.bad_reqs;
    uint64_t flag = page->cfg_flags[ZONE_CPU];
    hv_raw(32, CON_BASE, 4, 0, false, false);
    hv_raw(~0ULL, CON_BASE, 4, 0, false, false);
    hv_raw(ZONE_CPU, CON_BASE, 3, 0, false, false);
    hv_raw(ZONE_CPU, CON_BASE, 0, 0, false, false);
    hv_raw(ZONE_CPU, CON_BASE, 16, 0, false, false);
    hv_raw(ZONE_CPU, CON_BASE + 0x50, 4, 0x7fffffff, true, true);
    CHECK(dm.bridge.bad_reqs == bad + 5, "bad requests %lu", dm.bridge.bad_reqs - bad);
    CHECK(page->cfg_flags[ZONE_CPU] == flag + 3, "bad sizes not answered");
    /* ring indices lvisor would never write are masked */
    page->req_rear = 0xffffffe0u | (page->req_rear & 31);
    page->req_front = page->req_rear;
    serve_requests(&dm);
    page->req_rear = page->req_front = 0;
    page->res_rear = 0xffffff00u;
    page->res_front = 0;
    /* the devices still work after a reset */
    wr(CON_BASE, VIRTIO_MMIO_STATUS, 0);
    console_up();
    int pty = open(dm.consoles[0].path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    char junk[4096];
    struct pollfd p = {.fd = pty, .events = POLLIN};
    while (poll(&p, 1, 0) == 1 && read(pty, junk, sizeof(junk)) > 0)
        ;
    memcpy(gp(BUF_AT), "still here\n", 11);
    struct gbuf o = {BUF_AT, 11, false};
    drv_add(&con_tx, &o, 1, true);
    char got[16] = "";
    size_t n = 0;
    while (n < 11 && poll(&p, 1, 2000) == 1) {
        ssize_t r = read(pty, got + n, 11 - n);
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    CHECK(n == 11 && !memcmp(got, "still here\n", 11), "console after garbage: %zu", n);
    close(pty);
    blk_recovers();
}

static struct loop lp;
static int stop_fd;

static void *daemon_thread(void *arg)
{
    (void)arg;
    CHECK(loop_run(&lp, &dm), "the loop failed");
    return NULL;
}

static pthread_t start_loop(bool with_kick, uint64_t spin_ns)
{
    kick_fd = with_kick ? eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC) : -1;
    stop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    CHECK(loop_init(&lp, &dm, kick_fd, stop_fd), "loop_init");
    lp.spin_ns = spin_ns;
    threaded = true;
    pthread_t t;
    pthread_create(&t, NULL, daemon_thread, NULL);
    return t;
}

static void stop_loop(pthread_t t)
{
    uint64_t one = 1;
    CHECK(write(stop_fd, &one, sizeof(one)) == sizeof(one), "stop");
    pthread_join(t, NULL);
    threaded = false;
    loop_close(&lp);
    close(stop_fd);
    if (kick_fd >= 0)
        close(kick_fd);
}

static bool asleep_within(int ms)
{
    for (int i = 0; i < ms; i++) {
        if (__atomic_load_n(&page->need_wakeup, __ATOMIC_ACQUIRE))
            return true;
        usleep(1000);
    }
    return false;
}

/* Console input while the daemon sleeps: the pty in its epoll wakes it. */
static void input_wakes(void)
{
    int pty = open_pty();
    memset(gp(BUF_AT), 0, 64);
    struct gbuf b = {BUF_AT, 64, true};
    drv_add(&con_rx, &b, 1, true);
    CHECK(asleep_within(1000), "not asleep");
    CHECK(write(pty, "wake", 4) == 4, "write");
    uint32_t id = 0, len = 0;
    bool used = false;
    for (int i = 0; i < 2000 && !(used = drv_used(&con_rx, &id, &len)); i++)
        usleep(1000);
    CHECK(used && len == 4 && !memcmp(gp(BUF_AT), "wake", 4), "input not delivered: %u", len);
    close(pty);
}

static void sleep_and_wake(void)
{
    pthread_t t = start_loop(true, 200 * 1000);
    /* a run of accesses while it polls */
    for (int i = 0; i < 100; i++)
        CHECK(rd(CON_BASE, 0) == VIRTIO_MMIO_MAGIC, "magic while busy");
    CHECK(asleep_within(1000), "idle but not asleep");
    unsigned long kicks = kicks_sent;
    /* pauses around the spin time: every access answered, asleep or not */
    for (int i = 0; i < 400; i++) {
        usleep((useconds_t)(next_rand() % 400));
        CHECK(rd(BLK_BASE, 8) == 2, "device id, access %d", i);
    }
    CHECK(kicks_sent > kicks, "never kicked");
    CHECK(lp.sleeps > 0, "never slept");
    console_up();
    input_wakes();
    stop_loop(t);
}

static void no_kick(void)
{
    /* without the eventfd it looks at the ring every few ms while asleep */
    pthread_t t = start_loop(false, 100 * 1000);
    CHECK(asleep_within(1000), "not asleep");
    for (int i = 0; i < 20; i++) {
        usleep(3000);
        CHECK(rd(CON_BASE, 4) == 2, "version");
    }
    stop_loop(t);
}

#define ETH_TEST 0x88b5 /* the IEEE's "local experimental" ethertype */

/* A packet socket on the tap's interface: frames the daemon writes arrive here, frames sent here
 * reach the daemon. Only ETH_TEST frames, so the kernel's own chatter stays out. */
static int packet_socket(void)
{
    int s = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_TEST));
    struct sockaddr_ll a = {.sll_family = AF_PACKET,
                            .sll_protocol = htons(ETH_TEST),
                            .sll_ifindex = (int)if_nametoindex(NET_TAP)};
    CHECK(s >= 0 && a.sll_ifindex > 0 && bind(s, (struct sockaddr *)&a, sizeof(a)) == 0,
          "packet socket on " NET_TAP);
    return s;
}

static size_t test_frame(uint8_t *f, size_t len, uint8_t seed)
{
    memset(f, 0xff, 6);                           /* broadcast */
    memcpy(f + 6, "\x02\x00\x00\x00\x00\x11", 6); /* the zone's MAC */
    f[12] = ETH_TEST >> 8;
    f[13] = ETH_TEST & 0xff;
    for (size_t i = 14; i < len; i++)
        f[i] = (uint8_t)(seed + i);
    return len;
}

static void net(void)
{
    struct gq rx, tx;
    CHECK(rd(NET_BASE, 8) == 1, "net id");
    CHECK(hv_access(NET_BASE + 0x100, 4, false, 0) == 0x02 &&
              hv_access(NET_BASE + 0x104, 2, false, 0) == 0x1100,
          "mac in the config space");
    CHECK(drv_negotiate(NET_BASE, 1ULL << 32 | 1ULL << 5), "net features");
    drv_queue(&rx, NET_BASE, 0, 16, Q_AT(4));
    drv_queue(&tx, NET_BASE, 1, 16, Q_AT(5));
    drv_ok(NET_BASE);
    int ps = packet_socket();
    struct vdev *d = &dm.devs[2];

    /* out: header + 100-byte frame from the zone arrives on the interface */
    uint8_t *out = gp(BUF_AT);
    memset(out, 0, 12);
    test_frame(out + 12, 100, 1);
    struct gbuf ob = {BUF_AT, 112, false};
    drv_add(&tx, &ob, 1, true);
    uint8_t got[2048];
    struct pollfd p = {.fd = ps, .events = POLLIN};
    ssize_t n = poll(&p, 1, 2000) == 1 ? recv(ps, got, sizeof(got), 0) : -1;
    CHECK(n == 100 && !memcmp(got, out + 12, 100), "frame out: %zd bytes", n);
    uint32_t id, len;
    CHECK(drv_used(&tx, &id, &len), "tx not used");

    /* in: a frame sent on the interface lands in the zone's buffer behind a header */
    for (unsigned i = 0; i < 4; i++) {
        struct gbuf ib = {BUF_AT + 0x1000 + 0x800 * i, 0x800, true};
        drv_add(&rx, &ib, 1, true);
    }
    CHECK(d->ops->wants_input(d), "buffers wait, input not wanted");
    uint8_t in[300];
    test_frame(in, sizeof(in), 7);
    CHECK(send(ps, in, sizeof(in), 0) == (ssize_t)sizeof(in), "send");
    p.fd = d->ops->poll_fd(d);
    CHECK(poll(&p, 1, 2000) == 1, "tap not readable");
    d->ops->input(d);
    /* the kernel may have sent a frame of its own first: the test's is the one this long */
    bool found = false;
    while (!found && drv_used(&rx, &id, &len))
        found = len == 12 + sizeof(in);
    CHECK(found && id < 4, "no rx entry of %zu bytes (last %u)", 12 + sizeof(in), len);
    uint8_t *b = gp(BUF_AT + 0x1000 + 0x800 * id);
    CHECK(b[10] == 1 && !memcmp(b + 12, in, sizeof(in)), "rx bytes");

    /* a frame larger than the buffer is dropped: the buffer comes back empty */
    wr(NET_BASE, VIRTIO_MMIO_STATUS, 0);
    CHECK(drv_negotiate(NET_BASE, 1ULL << 32 | 1ULL << 5), "net features");
    drv_queue(&rx, NET_BASE, 0, 16, Q_AT(4));
    drv_queue(&tx, NET_BASE, 1, 16, Q_AT(5));
    drv_ok(NET_BASE);
    struct gbuf small = {BUF_AT + 0x1000, 64, true};
    drv_add(&rx, &small, 1, true);
    CHECK(send(ps, in, sizeof(in), 0) == (ssize_t)sizeof(in), "send");
    CHECK(poll(&p, 1, 2000) == 1, "tap not readable");
    d->ops->input(d);
    CHECK(drv_used(&rx, &id, &len) && len == 0, "oversized frame: len %u", len);
    CHECK(dm.nets[2].dropped_rx == 1, "dropped %lu", dm.nets[2].dropped_rx);

    /* a zone's frame shorter than its header is dropped; outside memory: NEEDS_RESET */
    struct gbuf shortb = {BUF_AT, 6, false};
    drv_add(&tx, &shortb, 1, true);
    CHECK(drv_used(&tx, &id, &len) && dm.nets[2].dropped_tx == 1, "short frame");
    struct gbuf far = {ZONE_END - 8, 112, false};
    drv_add(&tx, &far, 1, true);
    expect_reset(&tx, "net frame across the end");
    close(ps);
}

/*
 * A ring that never runs dry, as a zone's CPU refilling it would keep it, but
 * without a race: each block read puts the image's bytes on the avail index
 * (one more chain waiting) and on the next request's sector. Sector s holds
 * {u16 s + 2, u64 s + 1}: chain after chain until the image ends, 129 of them.
 */
static struct vring_used *refilling_ring(void)
{
    blk_up(); /* 64 entries, every avail entry chain 0 */
    memset(gp(BUF_AT), 0, 16);
    const uint16_t next = VRING_DESC_F_NEXT, w = VRING_DESC_F_WRITE;
    *gdesc(&blkq, 0) = (struct vring_desc){BUF_AT, 16, next, 1};
    *gdesc(&blkq, 1) = (struct vring_desc){blkq.avail + 2, 2, next | w, 2};
    *gdesc(&blkq, 2) = (struct vring_desc){BUF_AT + 8, 8, next | w, 3};
    *gdesc(&blkq, 3) = (struct vring_desc){BUF_AT + 0x100, 1, w, 0};
    gavail(&blkq)->idx = 1;
    wr(BLK_BASE, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    return gp(blkq.used);
}

static void refill_ring(void)
{
    uint8_t sector[512] = {0};
    for (uint64_t s = 0; s < IMG_BYTES / 512; s++) {
        uint16_t idx = (uint16_t)(s + 2);
        uint64_t next = s + 1;
        memcpy(sector, &idx, 2);
        memcpy(sector + 2, &next, 8);
        CHECK(pwrite(dm.blks[1].fd, sector, 512, (off_t)(s * 512)) == 512, "image");
    }
    /* a queue's worth of chains at a time, the zone's requests answered between */
    struct vring_used *u = refilling_ring();
    CHECK(u->idx == 64, "chains served by one notify: %u", u->idx);
    CHECK(rd(BLK_BASE, VIRTIO_MMIO_DEVICE_ID) == 2 && u->idx == 128, "the next 64: %u", u->idx);
    CHECK(!needs_reset(BLK_BASE) && u->idx == 129, "then the last, past the image: %u", u->idx);
    CHECK(*(uint8_t *)gp(BUF_AT + 0x100) == 1, "the last request did not fail");

    /* the main loop looks at its signals after each batch, not once the ring runs dry */
    u = refilling_ring();
    uint64_t one = 1;
    int stop = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    CHECK(write(stop, &one, sizeof(one)) == sizeof(one), "stop");
    struct loop l;
    CHECK(loop_init(&l, &dm, -1, stop), "loop_init");
    CHECK(loop_run(&l, &dm), "the loop failed");
    CHECK(u->idx == 128, "stopped after %u chains, not 128", u->idx);
    loop_close(&l);
    close(stop);
}

static const struct scenario scenarios[] = {
    {"net", net},
    {"sleep_and_wake", sleep_and_wake},
    {"no_kick", no_kick},
    {"refill_ring", refill_ring},
    {"registers", registers},
    {"console_out", console_out},
    {"console_in", console_in},
    {"blk_io", blk_io},
    {"bad_descriptors", bad_descriptors},
    {"looping_chain", looping_chain},
    {"bad_avail", bad_avail},
    {"bad_queue", bad_queue},
    {"garbage", garbage},
};

const struct scenario *find_scenario(const char *name)
{
    for (unsigned i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
        if (!strcmp(scenarios[i].name, name))
            return &scenarios[i];
    return NULL;
}
