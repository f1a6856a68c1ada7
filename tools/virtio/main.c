/*
 * lvisor-virtio: the root zone's virtio daemon, run as `lvisor virtio start
 * <virtio_cfg.json>` (or `hvisor virtio start`). It registers a bridge page
 * with lvisor (HVISOR_INIT_VIRTIO), maps it and every zone's memory through
 * /dev/hvisor, opens the devices' back ends, and then serves the zones'
 * requests in the background. Idle, it sleeps in epoll: need_wakeup tells
 * lvisor to kick the root's wake-up line, which the driver passes on through
 * the eventfd given with HVISOR_SET_EVENTFD. `lvisor virtio stop` (SIGTERM)
 * ends it.
 */
#include "log.h"
#include "loop.h"
#include "serve.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <lvisor/ioctl.h>

#define HV_DEVICE    "/dev/hvisor"
#define BRIDGE_SIZE  4096
#define DEFAULT_LOG  "/var/log/lvisor-virtio.log"
#define DEFAULT_PID  "/run/lvisor-virtio.pid"
#define STOP_WAIT_MS 5000

LVISOR_IOCTL_VALUES_CHECK;

static const char *prog = "lvisor virtio";

static int usage(void)
{
    fprintf(stderr,
            "usage: %s start [-f] [--log <file>] [--pid <file>] <virtio_cfg.json>\n"
            "       %s stop [--pid <file>]\n"
            "  -f           stay in the foreground, log to stderr\n"
            "  --log FILE   log file (default " DEFAULT_LOG ")\n"
            "  --pid FILE   pid file (default " DEFAULT_PID ")\n",
            prog, prog);
    return 2;
}

static int hv_fd = -1;

static int finish_req(void *ctx)
{
    (void)ctx;
    return ioctl(hv_fd, HVISOR_FINISH_REQ) < 0 ? -errno : 0;
}

static int deassert_irq(void *ctx, uint32_t zone, uint32_t irq)
{
    (void)ctx;
    struct lvisor_deassert_irq_args a = {.zone_id = zone, .irq_id = irq};
    return ioctl(hv_fd, HVISOR_DEASSERT_IRQ, &a) < 0 ? -errno : 0;
}

static void *map_phys(void *ctx, uint64_t pa, uint64_t size, char *err, size_t errlen)
{
    (void)ctx;
    long page = sysconf(_SC_PAGESIZE);
    if (page > 0 && (pa % (uint64_t)page || size % (uint64_t)page)) {
        snprintf(err, errlen, "not aligned to the root's %ld-byte pages", page);
        return NULL;
    }
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, hv_fd, (off_t)pa);
    if (p == MAP_FAILED) {
        snprintf(err, errlen, "mmap of " HV_DEVICE ": %s", strerror(errno));
        return NULL;
    }
    return p;
}

static pid_t read_pid(const char *file)
{
    FILE *f = fopen(file, "r");
    if (!f)
        return 0;
    long pid = 0;
    if (fscanf(f, "%ld", &pid) != 1)
        pid = 0;
    fclose(f);
    return pid > 0 ? (pid_t)pid : 0;
}

/* pid is a live lvisor-virtio (not another program that got a stale pid file's number). */
static bool running(pid_t pid)
{
    if (pid <= 0 || (kill(pid, 0) && errno != EPERM))
        return false;
    char path[64], comm[32] = "";
    snprintf(path, sizeof(path), "/proc/%ld/comm", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return true; /* no /proc: take the pid file's word */
    bool ours = fgets(comm, sizeof(comm), f) && !strncmp(comm, "lvisor-virtio", 13);
    fclose(f);
    return ours;
}

/* The file's directories made if missing (/var/log on a bare initramfs), then the file opened. */
static FILE *open_in_dir(const char *file, const char *mode)
{
    char dir[256];
    snprintf(dir, sizeof(dir), "%s", file);
    for (char *p = dir + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        mkdir(dir, 0755);
        *p = '/';
    }
    return fopen(file, mode);
}

/*
 * The signals as a signalfd, the kick eventfd, the epoll set: made in the
 * process that serves (after the fork), since a signalfd wakes the epoll of
 * the process that registered it only.
 */
static bool loop_setup(struct loop *l, struct daemon *dm)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int sig = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    int kick = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (kick >= 0 && ioctl(hv_fd, HVISOR_SET_EVENTFD, kick)) {
        logf_("HVISOR_SET_EVENTFD: %s: looking at the ring every %d ms when idle", strerror(errno),
              LOOP_NO_KICK_POLL_MS);
        close(kick);
        kick = -1;
    }
    if (sig < 0 || !loop_init(l, dm, kick, sig)) {
        logf_("signalfd/epoll: %s", strerror(errno));
        return false;
    }
    return true;
}

static bool write_pid(const char *file)
{
    FILE *f = open_in_dir(file, "w");
    if (!f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f)) {
        logf_("cannot write %s: %s", file, strerror(errno));
        return false;
    }
    return true;
}

struct opts {
    bool foreground;
    const char *log, *pid, *config;
};

static int start(const struct opts *o)
{
    static struct vcfg cfg;
    static struct daemon dm;
    char err[512];
    if (!vcfg_load(o->config, &cfg, err, sizeof(err))) {
        fprintf(stderr, "%s: %s\n", prog, err);
        return 1;
    }
    pid_t old = read_pid(o->pid);
    if (running(old)) {
        fprintf(stderr, "%s: already running (pid %ld, %s)\n", prog, (long)old, o->pid);
        return 1;
    }
    FILE *log = NULL;
    if (!o->foreground) {
        log = open_in_dir(o->log, "a");
        if (!log) {
            fprintf(stderr, "%s: cannot open the log %s: %s\n", prog, o->log, strerror(errno));
            return 1;
        }
        log_to(log);
    }
    hv_fd = open(HV_DEVICE, O_RDWR | O_CLOEXEC);
    if (hv_fd < 0) {
        fprintf(stderr, "%s: cannot open " HV_DEVICE ": %s\n", prog, strerror(errno));
        return 1;
    }
    if (ioctl(hv_fd, HVISOR_INIT_VIRTIO) < 0) {
        fprintf(stderr, "%s: HVISOR_INIT_VIRTIO: %s\n", prog, strerror(errno));
        return 1;
    }
    void *page = mmap(NULL, BRIDGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, hv_fd, 0);
    if (page == MAP_FAILED) {
        fprintf(stderr, "%s: mmap of the bridge page: %s\n", prog, strerror(errno));
        return 1;
    }
    struct hv_ops hv = {.finish_req = finish_req, .deassert_irq = deassert_irq};
    if (!daemon_setup(&dm, &cfg, page, &hv, map_phys, NULL, err, sizeof(err))) {
        fprintf(stderr, "%s: %s\n", prog, err);
        return 1;
    }

    for (unsigned i = 0; i < dm.ndevs; i++) {
        struct vdev *d = &dm.devs[i];
        const char *what = d->ops == &console_ops ? ((struct console *)d->priv)->path
                           : d->ops == &net_ops   ? ((struct net *)d->priv)->ifname
                                                  : cfg.devs[i].img;
        printf("%s: %s\n", d->name, what);
        logf_("%s: %s, irq %u", d->name, what, d->irq);
    }
    fflush(stdout);

    struct loop l;
    if (!o->foreground) {
        int ready[2];
        if (pipe(ready)) {
            fprintf(stderr, "%s: pipe: %s\n", prog, strerror(errno));
            return 1;
        }
        pid_t pid = fork();
        if (pid < 0) {
            fprintf(stderr, "%s: fork: %s\n", prog, strerror(errno));
            return 1;
        }
        if (pid > 0) {
            close(ready[1]);
            char c = 0;
            bool ok = read(ready[0], &c, 1) == 1 && c == 'y';
            if (!ok)
                fprintf(stderr, "%s: the daemon did not start (see %s)\n", prog, o->log);
            else
                printf("%s: running as pid %ld, log %s\n", prog, (long)pid, o->log);
            return ok ? 0 : 1;
        }
        close(ready[0]);
        setsid();
        if (chdir("/"))
            logf_("chdir /: %s", strerror(errno));
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2);
            if (null > 2)
                close(null);
        }
        if (!write_pid(o->pid) || !loop_setup(&l, &dm))
            return 1;
        daemon_start(&dm);
        logf_("serving %u devices (pid %ld)", dm.ndevs, (long)getpid());
        if (write(ready[1], "y", 1) != 1)
            logf_("cannot tell the parent: %s", strerror(errno));
        close(ready[1]);
    } else {
        if (!write_pid(o->pid) || !loop_setup(&l, &dm))
            return 1;
        daemon_start(&dm);
        logf_("serving %u devices in the foreground", dm.ndevs);
    }

    loop_run(&l, &dm);
    loop_close(&l);
    daemon_teardown(&dm);
    if (read_pid(o->pid) == getpid())
        unlink(o->pid);
    logf_("stopped");
    return 0;
}

static int stop(const struct opts *o)
{
    pid_t pid = read_pid(o->pid);
    if (!running(pid)) {
        fprintf(stderr, "%s: not running (no live pid in %s)\n", prog, o->pid);
        return 1;
    }
    if (kill(pid, SIGTERM)) {
        fprintf(stderr, "%s: cannot stop pid %ld: %s\n", prog, (long)pid, strerror(errno));
        return 1;
    }
    for (int ms = 0; ms < STOP_WAIT_MS; ms += 10) {
        if (!running(pid)) {
            printf("%s: stopped (pid %ld)\n", prog, (long)pid);
            return 0;
        }
        struct timespec ts = {.tv_nsec = 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    fprintf(stderr, "%s: pid %ld still runs %d s after SIGTERM\n", prog, (long)pid,
            STOP_WAIT_MS / 1000);
    return 1;
}

int main(int argc, char **argv)
{
    const char *p = getenv("LVISOR_VIRTIO_PROG");
    if (p && *p)
        prog = p;
    if (argc < 2)
        return usage();
    struct opts o = {.log = DEFAULT_LOG, .pid = DEFAULT_PID};
    bool is_start = !strcmp(argv[1], "start");
    if (!is_start && strcmp(argv[1], "stop"))
        return usage();
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-f") && is_start) {
            o.foreground = true;
        } else if ((!strcmp(a, "--log") && is_start) || !strcmp(a, "--pid")) {
            if (i + 1 == argc)
                return usage();
            *(a[2] == 'l' ? &o.log : &o.pid) = argv[++i];
        } else if (a[0] == '-' || !is_start || o.config) {
            return usage();
        } else {
            o.config = a;
        }
    }
    if (is_start && !o.config)
        return usage();
    return is_start ? start(&o) : stop(&o);
}
