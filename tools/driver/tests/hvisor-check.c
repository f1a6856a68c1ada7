/*
 * hvisor-check: exercises /dev/hvisor from user space the way hvisor-tool
 * does, and checks the driver's answers: the hypercalls lvisor serves, the
 * argument checks (bad pointers, bounds, unknown numbers) and the refusal of
 * memory outside what is set aside for zones. Prints one line per check and
 * exits 1 if any failed.
 *
 *   hvisor-check [-r ADDR] [-l ADDR]
 *     -r ADDR  a physical address the driver must refuse to load or map
 *              (lvisor's own memory, the root's RAM)
 *     -l ADDR  a page-aligned address in zone memory: load an image there
 *              and read it back through a physical mmap
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <lvisor/ioctl.h>

static int failures, checks;

/* One check's line: "ok - what" or "FAIL - what", then the detail if fmt is given. */
__attribute__((format(printf, 3, 4))) static void check(int, const char *, const char *, ...);
static void check(int ok, const char *what, const char *fmt, ...)
{
    va_list ap;

    checks++;
    if (!ok)
        failures++;
    printf("%s - %s", ok ? "ok" : "FAIL", what);
    if (fmt) {
        printf(": ");
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
    }
    printf("\n");
}

/* ioctl that must fail with errno `want`. */
static void check_errno(int fd, unsigned long cmd, void *arg, int want, const char *what)
{
    int r = ioctl(fd, cmd, arg);

    check(r == -1 && errno == want, what, "returned %d, errno %d (%s), want errno %d", r,
          r == -1 ? errno : 0, r == -1 ? strerror(errno) : "-", want);
}

static void check_zones(int fd)
{
    struct lvisor_zone_info zones[32];
    struct lvisor_zone_list_args args = {32, zones};
    int n;

    memset(zones, 0xa5, sizeof(zones));
    n = ioctl(fd, HVISOR_ZONE_LIST, &args);
    check(n >= 1 && zones[0].zone_id == 0 && zones[0].cpus != 0, "zone list has the root first",
          "%d zones", n);
    for (int i = 0; i < n && i < 32; i++)
        printf("zone %u cpus %#llx name %.32s\n", zones[i].zone_id,
               (unsigned long long)zones[i].cpus, zones[i].name);

    args.cnt = 0;
    check_errno(fd, HVISOR_ZONE_LIST, &args, EINVAL, "zone list of 0 entries refused");
    args.cnt = 65;
    check_errno(fd, HVISOR_ZONE_LIST, &args, EINVAL, "zone list of 65 entries refused");
    args.cnt = 32;
    args.zones = (struct lvisor_zone_info *)8;
    check_errno(fd, HVISOR_ZONE_LIST, &args, EFAULT, "zone list to a bad buffer");
    check_errno(fd, HVISOR_ZONE_LIST, (void *)8, EFAULT, "zone list with bad arguments");
}

static void check_refused(int fd, unsigned long long addr)
{
    static char buf[4096];
    struct lvisor_load_image_args img = {(unsigned long)buf, sizeof(buf), addr};
    long page = sysconf(_SC_PAGESIZE);
    void *p;

    check_errno(fd, HVISOR_LOAD_IMAGE, &img, EINVAL, "image load outside zone memory refused");
    p = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, (off_t)(addr & ~(page - 1)));
    check(p == MAP_FAILED && errno == EINVAL, "mmap outside zone memory refused", "%s",
          p == MAP_FAILED ? strerror(errno) : "mapped");
    if (p != MAP_FAILED)
        munmap(p, page);
}

/* An image loaded into zone memory reads back the same through a physical mmap. */
static void check_load(int fd, unsigned long long addr)
{
    size_t size = 64 << 10;
    unsigned char *img = malloc(size), *p;
    struct lvisor_load_image_args args = {(unsigned long)img, size, addr};
    int r;

    for (size_t i = 0; i < size; i++)
        img[i] = (unsigned char)(i * 7 + 3);
    r = ioctl(fd, HVISOR_LOAD_IMAGE, &args);
    check(r == 0, "image load into zone memory", "%s", r ? strerror(errno) : "64 KiB");
    p = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, (off_t)addr);
    check(p != MAP_FAILED && !memcmp(p, img, size), "the image reads back through mmap", "%s",
          p == MAP_FAILED ? strerror(errno) : "compared");
    if (p != MAP_FAILED)
        munmap(p, size);
    args.size = 0;
    check_errno(fd, HVISOR_LOAD_IMAGE, &args, EINVAL, "empty image refused");
    args.size = size;
    args.user_buffer = 8;
    check_errno(fd, HVISOR_LOAD_IMAGE, &args, EFAULT, "image from a bad buffer");
    free(img);
}

static void check_virtio(int fd)
{
    long page = sysconf(_SC_PAGESIZE);
    struct lvisor_deassert_irq_args irq = {0, 4};
    int efd = eventfd(0, EFD_CLOEXEC), r, init;
    void *p;

    check(ioctl(fd, HVISOR_SET_EVENTFD, efd) == 0, "eventfd accepted", NULL);
    check_errno(fd, HVISOR_SET_EVENTFD, (void *)-1L, EBADF, "bad eventfd refused");
    check_errno(fd, HVISOR_DEASSERT_IRQ, (void *)8, EFAULT, "deassert with bad arguments");

    /* lvisor may not serve virtio yet: whatever it answers, mmap must agree */
    init = ioctl(fd, HVISOR_INIT_VIRTIO);
    printf("init virtio: %d (%s)\n", init, init ? strerror(errno) : "ok");
    p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (init == 0)
        check(p != MAP_FAILED, "bridge page mapped after init", "%s",
              p == MAP_FAILED ? strerror(errno) : "mapped");
    else
        check(p == MAP_FAILED && errno == EINVAL, "bridge page refused without init", "%s",
              p == MAP_FAILED ? strerror(errno) : "mapped");
    if (p != MAP_FAILED)
        munmap(p, page);
    r = ioctl(fd, HVISOR_FINISH_REQ);
    printf("finish req: %d (%s)\n", r, r ? strerror(errno) : "ok");
    r = ioctl(fd, HVISOR_DEASSERT_IRQ, &irq);
    printf("deassert (0, 4): %d (%s)\n", r, r ? strerror(errno) : "ok");
    close(efd);
}

static void check_lvisor_own(int fd)
{
    struct lvisor_error_msg msg;
    unsigned long long frames = 0;
    int r;

    r = ioctl(fd, LVISOR_LAST_ERROR, &msg);
    printf("last error: %d (%s) \"%.*s\"\n", r, r ? strerror(errno) : "ok",
           r ? 0 : LVISOR_ERROR_LEN, msg.msg);
    r = ioctl(fd, LVISOR_FREE_FRAMES, &frames);
    printf("free frames: %d (%s) %llu\n", r, r ? strerror(errno) : "ok", frames);
}

int main(int argc, char **argv)
{
    unsigned long long refuse = 0, load = 0, magic = 0;
    int fd, opt, r;

    while ((opt = getopt(argc, argv, "r:l:")) != -1) {
        if (opt == 'r')
            refuse = strtoull(optarg, NULL, 0);
        else if (opt == 'l')
            load = strtoull(optarg, NULL, 0);
        else
            return 2;
    }
    fd = open("/dev/hvisor", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        perror("hvisor-check: /dev/hvisor");
        return 1;
    }

    r = ioctl(fd, HVISOR_CONFIG_CHECK, &magic);
    check(r == 0 && magic == LVISOR_CONFIG_MAGIC, "config check", "returned %d, magic %#llx", r,
          magic);
    check_errno(fd, HVISOR_CONFIG_CHECK, (void *)8, EFAULT, "config check to a bad pointer");
    check_errno(fd, _IO(1, 0x3f), NULL, EINVAL, "unknown ioctl refused");
    check_errno(fd, HVISOR_GET_TASK, NULL, EINVAL, "HVISOR_GET_TASK refused (as hvisor-tool's)");
    check_zones(fd);
    if (refuse)
        check_refused(fd, refuse);
    if (load)
        check_load(fd, load);
    check_virtio(fd);
    check_lvisor_own(fd);

    printf("hvisor-check: %d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
