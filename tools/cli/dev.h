/*
 * /dev/hvisor: one wrapper per ioctl the tool uses. Each returns 0 or the
 * errno of the failure.
 */
#ifndef DEV_H
#define DEV_H

#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <lvisor/ioctl.h>

#define HV_DEVICE "/dev/hvisor"

/* The device open for ioctls, or -1 after a message saying why not. */
int hv_open(void);
int hv_config_check(int fd, uint64_t *magic);
int hv_load_image(int fd, const void *buf, uint64_t size, uint64_t load_paddr);
int hv_zone_start(int fd, const struct lvisor_zone_config *zc);
int hv_zone_shutdown(int fd, uint64_t zone_id);
/* Up to max zones into zones, their number into *count. */
int hv_zone_list(int fd, struct lvisor_zone_info *zones, uint64_t max, int *count);
/* Why lvisor refused the last ZONE_START, NUL-terminated. */
int hv_last_error(int fd, char *buf, size_t len);

#endif
