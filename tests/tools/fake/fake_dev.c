/*
 * A stand-in for tools/cli/dev.c in the host build of the CLI: /dev/hvisor
 * as a script. Environment variables say how each ioctl answers; every call
 * is appended to $FAKE_LOG, ZONE_START with the state of the zone's CPUs in
 * the (test's own) sysfs at that moment and its config written to
 * $FAKE_CONFIG_OUT.
 *   FAKE_MAGIC            CONFIG_CHECK's answer (default 6)
 *   FAKE_LOAD_ERRNO, FAKE_START_ERRNO, FAKE_SHUTDOWN_ERRNO, FAKE_LIST_ERRNO
 *   FAKE_LAST_ERROR       LAST_ERROR's text
 *   FAKE_ZONES            ZONE_LIST: "id:name:cpumask:ram_mib:is_err" entries joined by ";"
 */
#include "../../../tools/cli/dev.h"
#include "../../../tools/cli/cpu_hotplug.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static FILE *log_file(void)
{
    static FILE *f;
    if (!f) {
        const char *path = getenv("FAKE_LOG");
        f = fopen(path ? path : "/dev/null", "a");
        setvbuf(f, NULL, _IOLBF, 0);
    }
    return f;
}

static int env_errno(const char *name)
{
    const char *v = getenv(name);
    return v ? atoi(v) : 0;
}

int hv_open(void)
{
    fprintf(log_file(), "open\n");
    return open("/dev/null", O_RDWR | O_CLOEXEC);
}

int hv_config_check(int fd, uint64_t *magic)
{
    (void)fd;
    const char *v = getenv("FAKE_MAGIC");
    *magic = v ? strtoull(v, NULL, 0) : 6;
    fprintf(log_file(), "CONFIG_CHECK\n");
    return 0;
}

int hv_load_image(int fd, const void *buf, uint64_t size, uint64_t load_paddr)
{
    (void)fd;
    unsigned sum = 0;
    for (uint64_t i = 0; i < size; i++)
        sum = sum * 31 + ((const unsigned char *)buf)[i];
    fprintf(log_file(), "LOAD_IMAGE 0x%llx 0x%llx %08x\n", (unsigned long long)load_paddr,
            (unsigned long long)size, sum);
    return env_errno("FAKE_LOAD_ERRNO");
}

int hv_zone_start(int fd, const struct lvisor_zone_config *zc)
{
    (void)fd;
    fprintf(log_file(), "ZONE_START");
    for (unsigned cpu = 0; cpu < 64; cpu++)
        if (zc->cpus >> cpu & 1)
            fprintf(log_file(), " cpu%u=%d", cpu, cpu_online(cpu));
    fprintf(log_file(), "\n");
    const char *out = getenv("FAKE_CONFIG_OUT");
    FILE *f = out ? fopen(out, "wb") : NULL;
    if (f) {
        fwrite(zc, sizeof(*zc), 1, f);
        fclose(f);
    }
    return env_errno("FAKE_START_ERRNO");
}

int hv_zone_shutdown(int fd, uint64_t zone_id)
{
    (void)fd;
    fprintf(log_file(), "ZONE_SHUTDOWN %llu\n", (unsigned long long)zone_id);
    return env_errno("FAKE_SHUTDOWN_ERRNO");
}

int hv_zone_list(int fd, struct lvisor_zone_info *zones, uint64_t max, int *count)
{
    (void)fd;
    fprintf(log_file(), "ZONE_LIST %llu\n", (unsigned long long)max);
    int err = env_errno("FAKE_LIST_ERRNO");
    if (err)
        return err;
    char *spec = strdup(getenv("FAKE_ZONES") ? getenv("FAKE_ZONES") : ""), *save = NULL;
    int n = 0;
    for (char *e = strtok_r(spec, ";", &save); e && (uint64_t)n < max;
         e = strtok_r(NULL, ";", &save)) {
        struct lvisor_zone_info *z = &zones[n++];
        char name[64] = "";
        unsigned long long cpus = 0;
        unsigned is_err = 0;
        sscanf(e, "%u:%63[^:]:%llx:%u:%u", &z->zone_id, name, &cpus, &z->ram_mib, &is_err);
        z->cpus = cpus;
        z->is_err = (unsigned char)is_err;
        memcpy(z->name, name, strlen(name) < sizeof(z->name) ? strlen(name) : sizeof(z->name));
    }
    free(spec);
    *count = n;
    return 0;
}

int hv_last_error(int fd, char *buf, size_t len)
{
    (void)fd;
    fprintf(log_file(), "LAST_ERROR\n");
    snprintf(buf, len, "%s", getenv("FAKE_LAST_ERROR") ? getenv("FAKE_LAST_ERROR") : "");
    return 0;
}
