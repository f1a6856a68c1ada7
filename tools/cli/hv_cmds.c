/*
 * `lvisor hv log` and `lvisor hv frames`: what lvisor itself says, read
 * through its own hypercalls: its log (also the messages it keeps off the
 * console when booted with log=errors) and its free page-table frames.
 */
#include "cli.h"
#include "dev.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int hv_log(int fd)
{
    struct lvisor_log_args args = {.size = LVISOR_LOG_MAX};
    char *buf = malloc(LVISOR_LOG_MAX);
    if (!buf) {
        errorf("hv log: out of memory");
        return 1;
    }
    args.user_buffer = (uintptr_t)buf;
    int n = ioctl(fd, LVISOR_READ_LOG, &args);
    if (n < 0) {
        errorf("hv log: %s", strerror(errno));
        free(buf);
        return 1;
    }
    fwrite(buf, 1, (size_t)n, stdout);
    free(buf);
    return 0;
}

static int hv_frames(int fd)
{
    uint64_t frames;
    if (ioctl(fd, LVISOR_FREE_FRAMES, &frames) < 0) {
        errorf("hv frames: %s", strerror(errno));
        return 1;
    }
    printf("%llu\n", (unsigned long long)frames);
    return 0;
}

int hv_cmd(int argc, char **argv)
{
    if (argc != 1 || (strcmp(argv[0], "log") && strcmp(argv[0], "frames")))
        return usage(HELP_MAIN, "hv: which? log or frames");
    int fd = hv_open();
    if (fd < 0)
        return 1;
    int rc = !strcmp(argv[0], "log") ? hv_log(fd) : hv_frames(fd);
    close(fd);
    return rc;
}
