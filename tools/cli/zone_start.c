/*
 * `zone start`: a zone from its JSON config. Everything that can be checked
 * without lvisor is checked before /dev/hvisor is opened; then the images
 * are loaded, the zone's CPUs leave the root, and lvisor starts the zone.
 * A failure once CPUs have left puts them back online.
 */
#include "cli.h"
#include "cpu_hotplug.h"
#include "dev.h"
#include "json_config.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define NAME_ARGS(zc) LVISOR_ZONE_NAME_LEN, (zc)->name

/* --dump: the struct as HVISOR_ZONE_START would get it, written to a file. */
static int dump(const char *file, const char *out, const struct lvisor_zone_config *zc)
{
    int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        errorf("%s: cannot create: %s", out, strerror(errno));
        return EXIT_FAIL;
    }
    ssize_t n = write(fd, zc, sizeof(*zc));
    int err = n < 0 ? errno : 0;
    if (close(fd) < 0 && !err)
        err = errno;
    if (n != (ssize_t)sizeof(*zc)) {
        errorf("%s: cannot write: %s", out, err ? strerror(err) : "short write");
        return EXIT_FAIL;
    }
    char cpus[CPU_LIST_LEN];
    cpu_list(zc->cpus, cpus);
    printf("%s: zone %u (%.*s) on CPUs %s: %zu bytes written to %s\n", file, zc->zone_id,
           NAME_ARGS(zc), cpus, sizeof(*zc), out);
    return 0;
}

static bool load(int fd, const char *file, const struct image *img)
{
    if (!img->path)
        return true;
    int err = hv_load_image(fd, img->data, img->len, img->load_paddr);
    if (err)
        errorf("%s: %s: loading \"%s\" to 0x%llx failed: %s", file, img->key, img->path,
               (unsigned long long)img->load_paddr, strerror(err));
    return !err;
}

static bool load_images(int fd, const char *file, const struct zone_json *zj)
{
    if (!load(fd, file, &zj->kernel) || !load(fd, file, &zj->dtb))
        return false;
    for (int i = 0; i < zj->nr_modules; i++)
        if (!load(fd, file, &zj->modules[i]))
            return false;
    return true;
}

static void give_back(uint64_t taken)
{
    uint64_t bad = cpus_give_back(taken, NULL);
    if (bad) {
        char cpus[CPU_LIST_LEN];
        cpu_list(bad, cpus);
        errorf("CPUs %s did not come back online in the root zone", cpus);
    }
}

/* lvisor says why it refused; the errno alone would not. */
static void refused(int fd, const char *file, int err)
{
    char why[LVISOR_ERROR_LEN];
    if (!hv_last_error(fd, why, sizeof(why)) && why[0])
        errorf("%s: lvisor refused the zone: %s (%s)", file, why, strerror(err));
    else
        errorf("%s: lvisor refused the zone (%s)", file, strerror(err));
}

static int start(const char *file, const struct zone_json *zj)
{
    const struct lvisor_zone_config *zc = &zj->cfg;
    int fd = hv_open();
    if (fd < 0)
        return EXIT_FAIL;
    uint64_t magic = 0;
    int err = hv_config_check(fd, &magic);
    if (err)
        errorf("asking lvisor for its zone config layout (HVISOR_CONFIG_CHECK) failed: %s",
               strerror(err));
    else if (magic != LVISOR_CONFIG_MAGIC)
        errorf("lvisor takes zone config layout %llu, this tool writes layout %d: they do not "
               "fit together",
               (unsigned long long)magic, LVISOR_CONFIG_MAGIC);
    if (err || magic != LVISOR_CONFIG_MAGIC || !load_images(fd, file, zj)) {
        close(fd);
        return EXIT_FAIL;
    }

    /* Ctrl-C between taking the CPUs and starting the zone would strand them */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigaddset(&block, SIGQUIT);
    sigprocmask(SIG_BLOCK, &block, &old);
    uint64_t taken = 0;
    unsigned failed = 0;
    /* as hvisor, the tool leaves the root's CPUs to the administrator, as hvisor-tool does */
    err = hvisor_mode() ? 0 : cpus_take(zc->cpus, &taken, &failed);
    if (err)
        errorf("%s: cannot take CPU %u out of the root zone: %s", file, failed, strerror(err));
    else if ((err = hv_zone_start(fd, zc)))
        refused(fd, file, err);
    if (err)
        give_back(taken);
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(fd);
    if (err)
        return EXIT_FAIL;

    char cpus[CPU_LIST_LEN];
    cpu_list(zc->cpus, cpus);
    printf("zone %u (%.*s) started on CPUs %s\n", zc->zone_id, NAME_ARGS(zc), cpus);
    return 0;
}

int zone_start(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help"))
            return help(HELP_ZONE_START);
        if (!strcmp(a, "--dump")) {
            if (++i == argc)
                return usage(HELP_ZONE_START, "zone start: --dump needs the file to write");
            out = argv[i];
        } else if (!strncmp(a, "--dump=", 7) && a[7]) {
            out = a + 7;
        } else if (a[0] == '-' && a[1]) {
            return usage(HELP_ZONE_START, "zone start: unknown option %s", a);
        } else if (file) {
            return usage(HELP_ZONE_START, "zone start: one zone config at a time (%s, %s)", file,
                         a);
        } else {
            file = a;
        }
    }
    if (!file)
        return usage(HELP_ZONE_START, "zone start: which zone? name its JSON config");

    struct zone_json zj;
    char err[640];
    if (!zone_json_load(file, &zj, err, sizeof(err))) {
        errorf("%s: %s", file, err);
        return EXIT_FAIL;
    }
    int rc = out ? dump(file, out, &zj.cfg) : start(file, &zj);
    zone_json_free(&zj);
    return rc;
}
