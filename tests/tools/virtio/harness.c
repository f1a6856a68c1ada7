/*
 * The harness's two parts (lvisor, the zone's driver) and main: set up a
 * daemon from a virtio JSON written here (a console and a block device in
 * zone 1, the image in the working directory), then run one scenario.
 *   harness <scenario> <workdir>     scenarios are in scenarios.c
 *   harness config <file.json>       prints the config's error, or "ok"
 */
#include "harness.h"
#include "scenarios.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

struct daemon dm;
struct lvisor_bridge_page *page;
uint8_t *zone_mem;
int failures;
struct irq_log irqs;
bool threaded;
int kick_fd = -1;
unsigned long kicks_sent;

static int fake_finish(void *ctx)
{
    (void)ctx;
    /* lvisor's FINISH_REQ: every response, in order */
    while (page->res_front != page->res_rear) {
        struct lvisor_bridge_res *r = &page->res_list[page->res_front];
        irqs.raised++;
        irqs.last_zone = r->target_zone;
        irqs.last_irq = r->irq_id;
        if (r->irq_id < 16)
            irqs.up[r->irq_id] = true;
        page->res_front = (page->res_front + 1) % LVISOR_BRIDGE_MAX_REQ;
    }
    return 0;
}

static int fake_deassert(void *ctx, uint32_t zone, uint32_t irq)
{
    (void)ctx;
    (void)zone;
    irqs.lowered++;
    if (irq < 16)
        irqs.up[irq] = false;
    return 0;
}

/* lvisor after queuing a request: the daemon sleeps, so the root's wake-up line (the eventfd). */
static void kick_if_asleep(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&page->need_wakeup, __ATOMIC_RELAXED)) {
        uint64_t one = 1;
        if (write(kick_fd, &one, sizeof(one)) == sizeof(one))
            kicks_sent++;
    }
}

void hv_raw(uint64_t cpu, uint64_t addr, uint64_t size, uint64_t value, bool write, bool notify)
{
    /* a full ring: lvisor's vCPU waits for a slot */
    while (threaded && ((page->req_rear + 1) % LVISOR_BRIDGE_MAX_REQ) ==
                           __atomic_load_n(&page->req_front, __ATOMIC_ACQUIRE))
        ;
    struct lvisor_bridge_req *q = &page->req_list[page->req_rear % LVISOR_BRIDGE_MAX_REQ];
    q->src_cpu = cpu;
    q->address = addr;
    q->size = size;
    q->value = value;
    q->src_zone = ZONE_ID;
    q->is_write = write;
    q->need_interrupt = notify;
    __atomic_store_n(&page->req_rear, (page->req_rear + 1) % LVISOR_BRIDGE_MAX_REQ,
                     __ATOMIC_RELEASE);
    if (threaded)
        kick_if_asleep();
    else
        serve_requests(&dm);
}

/* The answer's flag moved past old; false after 3 s. */
static bool wait_answer(uint64_t old)
{
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        if (__atomic_load_n(&page->cfg_flags[ZONE_CPU], __ATOMIC_ACQUIRE) != old)
            return true;
        clock_gettime(CLOCK_MONOTONIC, &t);
        if (t.tv_sec - t0.tv_sec >= 3)
            return false;
    }
}

uint64_t hv_access(uint64_t addr, unsigned size, bool write, uint64_t value)
{
    /* lvisor: need_interrupt for a write at offset 0x50 of a window */
    bool notify = write && (addr & 0xfff) == 0x50;
    uint64_t old = page->cfg_flags[ZONE_CPU];
    hv_raw(ZONE_CPU, addr, size, value, write, notify);
    if (threaded) {
        if (!notify && !wait_answer(old)) {
            /* a vCPU that would wait for ever: the scenario cannot go on */
            printf("FAIL: no answer within 3 s to the access at 0x%llx\n",
                   (unsigned long long)addr);
            exit(1);
        }
        return __atomic_load_n(&page->cfg_values[ZONE_CPU], __ATOMIC_ACQUIRE);
    }
    CHECK(page->req_front == page->req_rear, "request left in the ring");
    if (notify) {
        CHECK(page->cfg_flags[ZONE_CPU] == old, "a QueueNotify was answered");
        return 0;
    }
    CHECK(page->cfg_flags[ZONE_CPU] == old + 1, "no answer to the access at 0x%llx",
          (unsigned long long)addr);
    return page->cfg_values[ZONE_CPU];
}

bool drv_negotiate(uint64_t base, uint64_t features)
{
    wr(base, VIRTIO_MMIO_STATUS, 0);
    wr(base, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
    wr(base, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    if (features == ~0ULL) {
        wr(base, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
        features = rd(base, VIRTIO_MMIO_DEVICE_FEATURES);
        wr(base, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
        features |= (uint64_t)rd(base, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
    }
    wr(base, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(base, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)features);
    wr(base, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(base, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)(features >> 32));
    wr(base, VIRTIO_MMIO_STATUS,
       VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
    return rd(base, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK;
}

void drv_queue(struct gq *g, uint64_t base, unsigned q, unsigned num, uint64_t at)
{
    memset(g, 0, sizeof(*g));
    g->base = base;
    g->q = q;
    g->num = num;
    g->desc = at;
    g->avail = at + 0x1000;
    g->used = at + 0x2000;
    memset(gp(at), 0, 0x3000);
    wr(base, VIRTIO_MMIO_QUEUE_SEL, q);
    wr(base, VIRTIO_MMIO_QUEUE_NUM, num);
    wr(base, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)g->desc);
    wr(base, VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(g->desc >> 32));
    wr(base, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)g->avail);
    wr(base, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(g->avail >> 32));
    wr(base, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)g->used);
    wr(base, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(g->used >> 32));
    wr(base, VIRTIO_MMIO_QUEUE_READY, 1);
}

void drv_ok(uint64_t base)
{
    wr(base, VIRTIO_MMIO_STATUS, rd(base, VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_DRIVER_OK);
}

struct vring_desc *gdesc(struct gq *g, unsigned i) { return (struct vring_desc *)gp(g->desc) + i; }

struct vring_avail *gavail(struct gq *g) { return gp(g->avail); }

uint16_t drv_add(struct gq *g, const struct gbuf *bufs, unsigned n, bool notify)
{
    uint16_t head = g->next_desc;
    for (unsigned i = 0; i < n; i++) {
        uint16_t at = (uint16_t)((head + i) % g->num);
        struct vring_desc *d = gdesc(g, at);
        d->addr = bufs[i].addr;
        d->len = bufs[i].len;
        d->flags = (uint16_t)((bufs[i].write ? VRING_DESC_F_WRITE : 0) |
                              (i + 1 < n ? VRING_DESC_F_NEXT : 0));
        d->next = (uint16_t)((at + 1) % g->num);
    }
    g->next_desc = (uint16_t)((head + n) % g->num);
    struct vring_avail *a = gavail(g);
    a->ring[g->avail_idx % g->num] = head;
    g->avail_idx++;
    __atomic_store_n(&a->idx, g->avail_idx, __ATOMIC_RELEASE);
    if (notify)
        wr(g->base, VIRTIO_MMIO_QUEUE_NOTIFY, g->q);
    return head;
}

bool drv_used(struct gq *g, uint32_t *id, uint32_t *len)
{
    struct vring_used *u = gp(g->used);
    if (__atomic_load_n(&u->idx, __ATOMIC_ACQUIRE) == g->used_seen)
        return false;
    struct vring_used_elem *e = &u->ring[g->used_seen % g->num];
    *id = e->id;
    *len = e->len;
    g->used_seen++;
    return true;
}

/* Zone memory with an inaccessible page on either side: a stray access faults. */
static uint8_t *guarded(size_t size)
{
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    uint8_t *p = mmap(NULL, size + 2 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || mprotect(p + pg, size, PROT_READ | PROT_WRITE)) {
        perror("mmap");
        exit(2);
    }
    return p + pg;
}

static void *fake_map(void *ctx, uint64_t pa, uint64_t size, char *err, size_t errlen)
{
    (void)ctx;
    (void)pa;
    if (size != ZONE_SIZE) {
        snprintf(err, errlen, "the harness maps 0x%llx bytes only", ZONE_SIZE);
        return NULL;
    }
    return zone_mem;
}

/* No IPv6 in the test's network namespace: its router solicitations would reach the tap too. */
static void quiet_net(void)
{
    const char *knobs[] = {"/proc/sys/net/ipv6/conf/all/disable_ipv6",
                           "/proc/sys/net/ipv6/conf/default/disable_ipv6"};
    for (unsigned i = 0; i < 2; i++) {
        FILE *f = fopen(knobs[i], "w");
        if (f) {
            fputs("1\n", f);
            fclose(f);
        }
    }
}

static void setup(const char *dir, bool with_net)
{
    if (with_net)
        quiet_net();
    char cfgfile[512], img[512];
    snprintf(img, sizeof(img), "%s/disk.img", dir);
    snprintf(cfgfile, sizeof(cfgfile), "%s/virtio.json", dir);
    int fd = open(img, O_RDWR | O_CREAT | O_TRUNC, 0644);
    static uint8_t pattern[IMG_BYTES];
    for (unsigned i = 0; i < IMG_BYTES; i++)
        pattern[i] = (uint8_t)(i / 512 * 7 + i % 251);
    if (fd < 0 || write(fd, pattern, IMG_BYTES) != IMG_BYTES) {
        perror(img);
        exit(2);
    }
    close(fd);
    FILE *f = fopen(cfgfile, "w");
    fprintf(f,
            "{\"zones\": [{\"id\": %d,\n"
            "  \"memory_region\": [{\"zone0_ipa\": \"0xc0000000\", \"zonex_ipa\": \"0x%llx\","
            " \"size\": \"0x%llx\"}],\n"
            "  \"devices\": [\n"
            "    {\"type\": \"console\", \"addr\": \"0x%llx\", \"len\": \"0x200\", \"irq\": %d,"
            " \"status\": \"enable\"},\n"
            "    {\"type\": \"blk\", \"addr\": \"0x%llx\", \"len\": \"0x200\", \"irq\": %d,"
            " \"img\": \"%s\", \"status\": \"enable\"}%s]}]}\n",
            ZONE_ID, ZONE_GPA, ZONE_SIZE, CON_BASE, CON_IRQ, BLK_BASE, BLK_IRQ, img,
            with_net ? ",\n    {\"type\": \"net\", \"addr\": \"0x30003000\", \"len\": \"0x200\","
                       " \"irq\": 6, \"tap\": \"" NET_TAP "\", \"mac\": [2, 0, 0, 0, 0, 17],"
                       " \"status\": \"enable\"}"
                     : "");
    fclose(f);
    static struct vcfg cfg;
    char err[512];
    if (!vcfg_load(cfgfile, &cfg, err, sizeof(err))) {
        printf("FAIL config: %s\n", err);
        exit(2);
    }
    zone_mem = guarded(ZONE_SIZE);
    page = (struct lvisor_bridge_page *)guarded(4096);
    struct hv_ops hv = {.finish_req = fake_finish, .deassert_irq = fake_deassert};
    if (!daemon_setup(&dm, &cfg, page, &hv, fake_map, NULL, err, sizeof(err))) {
        printf("FAIL setup: %s\n", err);
        exit(2);
    }
    daemon_start(&dm);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc != 3) {
        fprintf(stderr, "usage: harness <scenario> <workdir> | harness config <file.json>\n");
        return 2;
    }
    if (!strcmp(argv[1], "config")) {
        static struct vcfg cfg;
        char err[512];
        if (!vcfg_load(argv[2], &cfg, err, sizeof(err))) {
            printf("%s\n", err);
            return 1;
        }
        printf("ok: %u zones, %u devices\n", cfg.nzones, cfg.ndevs);
        return 0;
    }
    const struct scenario *s = find_scenario(argv[1]);
    if (!s) {
        fprintf(stderr, "no scenario %s\n", argv[1]);
        return 2;
    }
    setup(argv[2], !strncmp(s->name, "net", 3));
    s->run();
    CHECK(page->mmio_avail == 1, "mmio_avail is %u", page->mmio_avail);
    daemon_teardown(&dm);
    printf("%s: %s\n", s->name, failures ? "FAILED" : "passed");
    return failures ? 1 : 0;
}
