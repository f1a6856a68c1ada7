/* `zone shutdown` and `zone list`: both read lvisor's zone list first. */
#include "cli.h"
#include "cpu_hotplug.h"
#include "dev.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* As many zones as hvisor-tool asks for. */
#define LIST_MAX 32

static bool read_list(int fd, struct lvisor_zone_info *zones, int *n)
{
    memset(zones, 0, sizeof(*zones) * LIST_MAX);
    int err = hv_zone_list(fd, zones, LIST_MAX, n);
    if (err)
        errorf("reading lvisor's zone list (HVISOR_ZONE_LIST) failed: %s", strerror(err));
    return !err;
}

/* The name may fill all 32 bytes without a NUL. */
static void zone_name(const struct lvisor_zone_info *z, char buf[LVISOR_ZONE_NAME_LEN + 1])
{
    memcpy(buf, z->name, LVISOR_ZONE_NAME_LEN);
    buf[LVISOR_ZONE_NAME_LEN] = '\0';
}

/*
 * "-id N", "--id N", "--id=N"; N in decimal (or 0x hex). False when the
 * command ends here (help, or a bad command line), with its status in *rc.
 */
static bool parse_id(int argc, char **argv, uint64_t *id, int *rc)
{
    const char *val = NULL;
    *rc = EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            *rc = help(HELP_ZONE_SHUTDOWN);
            return false;
        }
        if (val) {
            usage(HELP_ZONE_SHUTDOWN, "zone shutdown: unexpected %s", a);
            return false;
        }
        if (!strcmp(a, "-id") || !strcmp(a, "--id")) {
            if (++i == argc) {
                usage(HELP_ZONE_SHUTDOWN, "zone shutdown: %s needs a zone id", a);
                return false;
            }
            val = argv[i];
        } else if (!strncmp(a, "--id=", 5) || !strncmp(a, "-id=", 4)) {
            val = strchr(a, '=') + 1;
        } else {
            usage(HELP_ZONE_SHUTDOWN, "zone shutdown: unexpected %s", a);
            return false;
        }
    }
    if (!val) {
        usage(HELP_ZONE_SHUTDOWN, "zone shutdown: which zone? give -id <N>");
        return false;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(val, &end, 0);
    if (!*val || *val == '-' || *end || errno || v > UINT32_MAX) {
        usage(HELP_ZONE_SHUTDOWN, "zone shutdown: \"%s\" is not a zone id", val);
        return false;
    }
    *id = v;
    return true;
}

int zone_shutdown(int argc, char **argv)
{
    uint64_t id;
    int rc;
    if (!parse_id(argc, argv, &id, &rc))
        return rc;
    if (id == 0) {
        errorf("zone 0 is the root zone: it cannot be shut down");
        return EXIT_FAIL;
    }
    int fd = hv_open();
    if (fd < 0)
        return EXIT_FAIL;
    struct lvisor_zone_info zones[LIST_MAX];
    int n = 0;
    if (!read_list(fd, zones, &n)) {
        close(fd);
        return EXIT_FAIL;
    }
    const struct lvisor_zone_info *z = NULL;
    for (int i = 0; i < n && !z; i++)
        if (zones[i].zone_id == id)
            z = &zones[i];
    if (!z) {
        errorf("there is no zone %llu (`%s zone list` shows the zones)", (unsigned long long)id,
               prog);
        close(fd);
        return EXIT_FAIL;
    }
    char name[LVISOR_ZONE_NAME_LEN + 1];
    zone_name(z, name);
    int err = hv_zone_shutdown(fd, id);
    close(fd);
    if (err) {
        errorf("shutting down zone %llu (%s) failed: %s", (unsigned long long)id, name,
               strerror(err));
        return EXIT_FAIL;
    }

    /* CPUs the root never had (no cpuN, or online already) stay as they are */
    uint64_t back = 0, bad = hvisor_mode() ? 0 : cpus_give_back(z->cpus, &back);
    char cpus[CPU_LIST_LEN];
    if (bad) {
        cpu_list(bad, cpus);
        errorf("zone %llu (%s) is shut down, but CPUs %s did not come back online in the root "
               "zone",
               (unsigned long long)id, name, cpus);
        return EXIT_FAIL;
    }
    cpu_list(back, cpus);
    printf("zone %llu (%s) shut down%s%s%s\n", (unsigned long long)id, name, back ? "; CPUs " : "",
           back ? cpus : "", back ? " back online in the root zone" : "");
    return 0;
}

/* One table row's cells. */
struct row {
    char id[12], name[LVISOR_ZONE_NAME_LEN + 1], cpus[CPU_LIST_LEN], ram[24];
    const char *state;
};

static void print_row(const struct row *r, const int w[4])
{
    printf("%-*s  %-*s  %-*s  %-*s  %s\n", w[0], r->id, w[1], r->name, w[2], r->cpus, w[3], r->ram,
           r->state);
}

static int max(int a, size_t b) { return (size_t)a > b ? a : (int)b; }

int zone_list(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return help(HELP_ZONE_LIST);
        return usage(HELP_ZONE_LIST, "zone list: unexpected %s", argv[i]);
    }
    int fd = hv_open();
    if (fd < 0)
        return EXIT_FAIL;
    struct lvisor_zone_info zones[LIST_MAX];
    int n = 0;
    bool ok = read_list(fd, zones, &n);
    close(fd);
    if (!ok)
        return EXIT_FAIL;

    static struct row rows[LIST_MAX + 1];
    rows[0] = (struct row){"id", "name", "CPUs", "RAM", "state"};
    int w[4] = {0};
    for (int i = 0; i <= n; i++) {
        struct row *r = &rows[i];
        if (i) {
            const struct lvisor_zone_info *z = &zones[i - 1];
            snprintf(r->id, sizeof(r->id), "%u", z->zone_id);
            zone_name(z, r->name);
            cpu_list(z->cpus, r->cpus);
            snprintf(r->ram, sizeof(r->ram), "%u MiB", z->ram_mib);
            r->state = z->is_err ? "error" : "running";
        }
        w[0] = max(w[0], strlen(r->id));
        w[1] = max(w[1], strlen(r->name));
        w[2] = max(w[2], strlen(r->cpus));
        w[3] = max(w[3], strlen(r->ram));
    }
    for (int i = 0; i <= n; i++)
        print_row(&rows[i], w);
    return 0;
}
