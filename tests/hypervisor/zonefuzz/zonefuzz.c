/*
 * zonefuzz: broken zone configs sent straight through /dev/hvisor, past the
 * CLI's checks, from the root zone.
 *   zonefuzz named GOOD.bin       one line per named mutation of GOOD (a
 *                                 `lvisor zone start --dump` of zone-bm.json):
 *                                 "NAME ERRNO unchanged|CHANGED: lvisor's reason"
 *   zonefuzz random GOOD.bin N S  N random and mutated configs (seed S), and
 *                                 random ZONE_SHUTDOWN / ZONE_LIST arguments;
 *                                 a config lvisor accepts is shut down again;
 *                                 one summary line
 * "unchanged": the zone list, lvisor's free frames and the root's online CPUs
 * are what they were before the request.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <lvisor/ioctl.h>

#define GOOD_ID  3
#define GOOD_CPU 3

static int dev;

struct state {
    int nr;
    struct lvisor_zone_info zones[8];
    uint64_t frames;
    char online[8];
};

static void read_state(struct state *s)
{
    memset(s, 0, sizeof(*s));
    struct lvisor_zone_list_args a = {8, s->zones};
    s->nr = ioctl(dev, HVISOR_ZONE_LIST, &a);
    ioctl(dev, LVISOR_FREE_FRAMES, &s->frames);
    for (int c = 1; c < 8; c++) {
        char path[64];
        snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", c);
        int fd = open(path, O_RDONLY);
        s->online[c] = fd >= 0 && read(fd, &s->online[c], 1) == 1 ? s->online[c] : '-';
        if (fd >= 0)
            close(fd);
    }
}

static int same_state(const struct state *a, const struct state *b)
{
    return a->nr == b->nr && a->frames == b->frames && !memcmp(a->online, b->online, 8) &&
           !memcmp(a->zones, b->zones, sizeof(a->zones[0]) * (a->nr > 0 ? (unsigned)a->nr : 0));
}

static int start(const void *cfg, size_t size)
{
    /* the driver copies sizeof(struct lvisor_zone_config): other sizes go in a larger buffer */
    (void)size;
    return ioctl(dev, HVISOR_ZONE_START, cfg) < 0 ? -errno : 0;
}

static const char *errname(int e)
{
    switch (-e) {
    case 0:
        return "OK";
    case EPERM:
        return "EPERM";
    case EINVAL:
        return "EINVAL";
    case EBUSY:
        return "EBUSY";
    case EEXIST:
        return "EEXIST";
    case EFAULT:
        return "EFAULT";
    case ENOMEM:
        return "ENOMEM";
    }
    return "E?";
}

typedef void (*mutation_fn)(struct lvisor_zone_config *c);

#define R(i) c->memory_regions[i]
static void m_id_root(struct lvisor_zone_config *c) { c->zone_id = 0; }
static void m_id_big(struct lvisor_zone_config *c) { c->zone_id = 64; }
static void m_id_in_use(struct lvisor_zone_config *c) { c->zone_id = 1; }
static void m_no_cpus(struct lvisor_zone_config *c) { c->cpus = 0; }
static void m_cpu_absent(struct lvisor_zone_config *c) { c->cpus = 1u << 9; }
static void m_cpu_in_zone(struct lvisor_zone_config *c) { c->cpus = 1u << 1; }
static void m_cpu_online_in_root(struct lvisor_zone_config *c) { c->cpus = 1u << 2; }
static void m_ram_in_lvisor(struct lvisor_zone_config *c) { R(0).physical_start = 0x0f000000; }
static void m_ram_in_root(struct lvisor_zone_config *c) { R(0).physical_start = 0x90000000; }
static void m_ram_of_zone1(struct lvisor_zone_config *c) { R(0).physical_start = 0xc0000000; }
static void m_ram_past_zone_memory(struct lvisor_zone_config *c)
{
    R(0).physical_start = 0xdf800000;
}
static void add_ram(struct lvisor_zone_config *c, uint64_t hpa, uint64_t gpa)
{
    unsigned n = c->num_memory_regions++;
    R(n) = (struct lvisor_mem_region){LVISOR_MEM_RAM, hpa, gpa, 0x100000};
}
static void m_zone_pages_overlap(struct lvisor_zone_config *c) { add_ram(c, 0xde000000, 0x800000); }
static void m_host_memory_overlap(struct lvisor_zone_config *c)
{
    add_ram(c, 0xdf000000, 0x10000000);
}
static void m_unaligned(struct lvisor_zone_config *c) { R(0).size += 1; }
static void m_wraps(struct lvisor_zone_config *c) { R(0).virtual_start = ~0xfffULL; }
static void m_beyond_gpa_limit(struct lvisor_zone_config *c) { R(0).virtual_start = 1ULL << 48; }
static void m_io_not_allowed(struct lvisor_zone_config *c)
{
    R(1).physical_start = R(1).virtual_start = 0x10000000;
    R(1).size = 0x1000;
}
static void m_uart_of_root(struct lvisor_zone_config *c)
{
    R(1).physical_start = R(1).virtual_start = 0x1fe00000;
    R(1).size = 0x1000;
}
static void m_type_unknown(struct lvisor_zone_config *c) { R(1).type = 7; }
static void m_no_regions(struct lvisor_zone_config *c) { c->num_memory_regions = 0; }
static void m_65_regions(struct lvisor_zone_config *c) { c->num_memory_regions = 65; }
static void m_kernel_outside(struct lvisor_zone_config *c) { c->kernel_load_paddr = 0x90000000; }
static void m_kernel_too_large(struct lvisor_zone_config *c) { c->kernel_size = 0x2000000; }
static void m_entry_outside(struct lvisor_zone_config *c) { c->entry_point = 0x2000000; }
static void m_entry_unaligned(struct lvisor_zone_config *c) { c->entry_point += 2; }
static void m_name_no_nul(struct lvisor_zone_config *c) { memset(c->name, 'a', sizeof(c->name)); }
static void m_name_control(struct lvisor_zone_config *c) { c->name[1] = 1; }
static void m_name_empty(struct lvisor_zone_config *c) { c->name[0] = 0; }
static void m_ivc_count(struct lvisor_zone_config *c) { c->num_ivc_configs = 3; }
static void m_dtb_not_a_tree(struct lvisor_zone_config *c)
{
    c->dtb_load_paddr = 0xdf100000;
    c->dtb_size = 0x1000;
}
#undef R

static const struct {
    const char *name;
    mutation_fn fn;
} mutations[] = {
    {"id-root", m_id_root},
    {"id-too-big", m_id_big},
    {"id-in-use", m_id_in_use},
    {"no-cpus", m_no_cpus},
    {"cpu-absent", m_cpu_absent},
    {"cpu-in-another-zone", m_cpu_in_zone},
    {"cpu-online-in-root", m_cpu_online_in_root},
    {"ram-in-lvisor", m_ram_in_lvisor},
    {"ram-in-root", m_ram_in_root},
    {"ram-of-another-zone", m_ram_of_zone1},
    {"ram-past-zone-memory", m_ram_past_zone_memory},
    {"zone-pages-overlap", m_zone_pages_overlap},
    {"host-memory-overlap", m_host_memory_overlap},
    {"unaligned", m_unaligned},
    {"wraps", m_wraps},
    {"beyond-gpa-limit", m_beyond_gpa_limit},
    {"io-not-allowed", m_io_not_allowed},
    {"uart-page", m_uart_of_root},
    {"region-type-unknown", m_type_unknown},
    {"no-regions", m_no_regions},
    {"65-regions", m_65_regions},
    {"kernel-outside", m_kernel_outside},
    {"kernel-larger-than-ram", m_kernel_too_large},
    {"entry-outside", m_entry_outside},
    {"entry-unaligned", m_entry_unaligned},
    {"name-without-nul", m_name_no_nul},
    {"name-not-printable", m_name_control},
    {"name-empty", m_name_empty},
    {"ivc-count", m_ivc_count},
    {"dtb-not-a-device-tree", m_dtb_not_a_tree},
};

static void reason(char *out, size_t len)
{
    struct lvisor_error_msg m;
    if (ioctl(dev, LVISOR_LAST_ERROR, &m) < 0)
        snprintf(out, len, "(no reason: %s)", strerror(errno));
    else
        snprintf(out, len, "%s", m.msg);
}

static int named(const struct lvisor_zone_config *good)
{
    int bad = 0;
    for (size_t i = 0; i < sizeof(mutations) / sizeof(mutations[0]); i++) {
        struct lvisor_zone_config c = *good;
        struct state before, after;
        mutations[i].fn(&c);
        read_state(&before);
        int e = start(&c, sizeof(c));
        if (!e)
            ioctl(dev, HVISOR_ZONE_SHUTDOWN, (uint64_t)c.zone_id);
        read_state(&after);
        char why[LVISOR_ERROR_LEN + 32];
        reason(why, sizeof(why));
        int same = same_state(&before, &after);
        bad += !e || !same;
        printf("%s %s %s: %s\n", mutations[i].name, errname(e), same ? "unchanged" : "CHANGED",
               why);
    }
    return bad ? 1 : 0;
}

static uint64_t rng;
static uint64_t rnd(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

static const uint64_t interesting[] = {0,
                                       1,
                                       2,
                                       3,
                                       4,
                                       7,
                                       0x1000,
                                       0xfff,
                                       0x200000,
                                       0x1000000,
                                       0x0f000000,
                                       0x90000000,
                                       0xc0000000,
                                       0xdf000000,
                                       0xe0000000,
                                       0x1fe004e0,
                                       0x7fffffff,
                                       1ULL << 48,
                                       ~0ULL,
                                       ~0ULL - 0xfff,
                                       0x8000000000000000ULL};

static void mutate(struct lvisor_zone_config *c)
{
    uint8_t *b = (uint8_t *)c;
    switch (rnd() % 4) {
    case 0: /* a few random bytes anywhere */
        for (int k = 1 + rnd() % 8; k > 0; k--)
            b[rnd() % sizeof(*c)] = (uint8_t)rnd();
        break;
    case 1: { /* an interesting value in an aligned 8-byte word of the part lvisor reads */
        uint64_t v = interesting[rnd() % (sizeof(interesting) / sizeof(interesting[0]))];
        memcpy(b + (rnd() % (2400 / 8)) * 8, &v, 8);
        break;
    }
    case 2: /* a region field */
        ((uint64_t *)&c->memory_regions[rnd() % 4])[rnd() % 4] =
            interesting[rnd() % (sizeof(interesting) / sizeof(interesting[0]))];
        break;
    default: /* all random */
        for (size_t k = 0; k < sizeof(*c); k++)
            b[k] = (uint8_t)rnd();
    }
}

static int random_run(const struct lvisor_zone_config *good, long n)
{
    struct state first, now;
    read_state(&first);
    long refused = 0, started = 0, lost = 0, shut = 0;
    for (long i = 0; i < n; i++) {
        struct lvisor_zone_config c = *good;
        mutate(&c);
        int e = start(&c, sizeof(c));
        if (!e) {
            started++;
            if (ioctl(dev, HVISOR_ZONE_SHUTDOWN, (uint64_t)c.zone_id) < 0) {
                lost++;
                printf("zonefuzz: config %ld started but did not shut down: %s\n", i,
                       strerror(errno));
                break; /* lvisor's log now ends with what happened */
            }
        } else {
            refused++;
        }
        /* random arguments for shutdown (never a running zone's id) and list */
        uint64_t id = rnd() % 3 ? rnd() : rnd() % 8;
        if (id != 1 && id != GOOD_ID && !ioctl(dev, HVISOR_ZONE_SHUTDOWN, id))
            shut++;
        struct lvisor_zone_info buf[64];
        struct lvisor_zone_list_args a = {rnd() % 80, buf};
        ioctl(dev, HVISOR_ZONE_LIST, &a);
    }
    read_state(&now);
    int same = same_state(&first, &now);
    printf("zonefuzz: %ld configs, %ld refused, %ld started and shut down, %ld not shut down, "
           "%ld stray shutdowns accepted, state %s\n",
           n, refused, started, lost, shut, same ? "unchanged" : "CHANGED");
    return same && !lost && !shut ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "named") && strcmp(argv[1], "random")) ||
        (!strcmp(argv[1], "random") && argc != 5)) {
        fprintf(stderr, "usage: zonefuzz named GOOD.bin | zonefuzz random GOOD.bin N SEED\n");
        return 2;
    }
    struct lvisor_zone_config good;
    FILE *f = fopen(argv[2], "rb");
    if (!f || fread(&good, sizeof(good), 1, f) != 1) {
        perror(argv[2]);
        return 2;
    }
    fclose(f);
    if ((dev = open("/dev/hvisor", O_RDWR)) < 0) {
        perror("/dev/hvisor");
        return 2;
    }
    if (good.zone_id != GOOD_ID || good.cpus != 1u << GOOD_CPU) {
        fprintf(stderr, "%s: not zone-bm.json's config\n", argv[2]);
        return 2;
    }
    if (!strcmp(argv[1], "named"))
        return named(&good);
    rng = strtoull(argv[4], NULL, 0) | 1;
    return random_run(&good, strtol(argv[3], NULL, 0));
}
