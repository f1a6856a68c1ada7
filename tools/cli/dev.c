/* The ioctls of /dev/hvisor, as the root-zone driver numbers them (include/lvisor/ioctl.h). */
#include "dev.h"
#include "cli.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

LVISOR_IOCTL_VALUES_CHECK;

int hv_open(void)
{
    int fd = open(HV_DEVICE, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        errorf("cannot open " HV_DEVICE ": %s%s", strerror(errno),
               errno == ENOENT ? " (is lvisor's root-zone driver loaded?)" : "");
    return fd;
}

static int result(int rc) { return rc < 0 ? errno : 0; }

int hv_config_check(int fd, uint64_t *magic)
{
    lvisor_u64 v = 0;
    int err = result(ioctl(fd, HVISOR_CONFIG_CHECK, &v));
    *magic = v;
    return err;
}

int hv_load_image(int fd, const void *buf, uint64_t size, uint64_t load_paddr)
{
    struct lvisor_load_image_args args = {
        .user_buffer = (lvisor_u64)(uintptr_t)buf,
        .size = size,
        .load_paddr = load_paddr,
    };
    return result(ioctl(fd, HVISOR_LOAD_IMAGE, &args));
}

int hv_zone_start(int fd, const struct lvisor_zone_config *zc)
{
    return result(ioctl(fd, HVISOR_ZONE_START, zc));
}

/* The zone id goes by value, as in hvisor-tool. */
int hv_zone_shutdown(int fd, uint64_t zone_id)
{
    return result(ioctl(fd, HVISOR_ZONE_SHUTDOWN, (unsigned long)zone_id));
}

int hv_zone_list(int fd, struct lvisor_zone_info *zones, uint64_t max, int *count)
{
    struct lvisor_zone_list_args args = {.cnt = max, .zones = zones};
    int rc = ioctl(fd, HVISOR_ZONE_LIST, &args);
    if (rc < 0)
        return errno;
    /* the driver never returns more than asked; a short list is still a list */
    *count = (uint64_t)rc > max ? (int)max : rc;
    return 0;
}

int hv_last_error(int fd, char *buf, size_t len)
{
    struct lvisor_error_msg m;
    memset(&m, 0, sizeof(m));
    int err = result(ioctl(fd, LVISOR_LAST_ERROR, &m));
    m.msg[LVISOR_ERROR_LEN - 1] = '\0';
    snprintf(buf, len, "%s", err ? "" : m.msg);
    return err;
}
