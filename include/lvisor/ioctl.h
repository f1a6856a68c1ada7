/*
 * /dev/hvisor: the root-zone driver's ioctls, as hvisor-tool HEAD numbers
 * them (asm-generic encoding: type 1, nr 0..11), so hvisor-tool's CLI and
 * daemon work with lvisor's driver unchanged. Numbers 0x40 and up are
 * lvisor's own. Shared by tools/driver (kernel) and tools/cli (user space):
 * it needs <linux/ioctl.h> (kernel) or <sys/ioctl.h> (user) for _IO*.
 */
#ifndef LVISOR_IOCTL_H
#define LVISOR_IOCTL_H

#include "zone_config.h"

/* HVISOR_ZONE_LIST's argument: zones points to cnt lvisor_zone_info entries. */
struct lvisor_zone_list_args {
    lvisor_u64 cnt;
    struct lvisor_zone_info *zones;
};

/* HVISOR_LOAD_IMAGE: copy size bytes from user_buffer to host address load_paddr. */
struct lvisor_load_image_args {
    lvisor_u64 user_buffer;
    lvisor_u64 size;
    lvisor_u64 load_paddr;
};

/* HVISOR_DEASSERT_IRQ: lower a zone's interrupt line; (0, 4) acks the root's wake-up. */
struct lvisor_deassert_irq_args {
    lvisor_u32 zone_id;
    lvisor_u32 irq_id;
};

/* HVISOR_SET_BOOT_MODE (x86 only; accepted and ignored). */
struct lvisor_boot_mode_args {
    lvisor_u32 zone_id;
    lvisor_u32 multiboot_enabled;
    lvisor_u64 multiboot_info_paddr;
};

/* LVISOR_READ_LOG: the last (at most) size bytes of lvisor's log into user_buffer. */
#define LVISOR_LOG_MAX 65536
struct lvisor_log_args {
    lvisor_u64 user_buffer;
    lvisor_u64 size;
};

/* LVISOR_LAST_ERROR: why lvisor refused the last ZONE_START (NUL-terminated). */
#define LVISOR_ERROR_LEN 160
struct lvisor_error_msg {
    char msg[LVISOR_ERROR_LEN];
};

#define HVISOR_INIT_VIRTIO   _IO(1, 0)
#define HVISOR_GET_TASK      _IO(1, 1)
#define HVISOR_FINISH_REQ    _IO(1, 2)
#define HVISOR_ZONE_START    _IOW(1, 3, struct lvisor_zone_config *)
#define HVISOR_ZONE_SHUTDOWN _IOW(1, 4, lvisor_u64)
#define HVISOR_ZONE_LIST     _IOR(1, 5, struct lvisor_zone_list_args *)
#define HVISOR_CONFIG_CHECK  _IOR(1, 6, lvisor_u64 *)
#define HVISOR_SET_EVENTFD   _IOW(1, 7, int)
#define HVISOR_LOAD_IMAGE    _IOW(1, 8, struct lvisor_load_image_args)
#define HVISOR_SET_BOOT_MODE _IOW(1, 9, struct lvisor_boot_mode_args *)
#define HVISOR_GET_ECAM_BASE _IOR(1, 10, lvisor_u64 *)
#define HVISOR_DEASSERT_IRQ  _IOW(1, 11, struct lvisor_deassert_irq_args)

/* lvisor's own: the reason for the last refused ZONE_START; lvisor's free frames; its log. */
#define LVISOR_LAST_ERROR  _IOR(1, 0x40, struct lvisor_error_msg)
#define LVISOR_FREE_FRAMES _IOR(1, 0x41, lvisor_u64)
#define LVISOR_READ_LOG    _IOW(1, 0x42, struct lvisor_log_args)

/* The values hvisor-tool HEAD's headers give these macros. */
#define LVISOR_IOCTL_VALUES_CHECK                                                                  \
    _Static_assert(HVISOR_INIT_VIRTIO == 0x100 && HVISOR_FINISH_REQ == 0x102 &&                    \
                       HVISOR_ZONE_START == 0x40080103 && HVISOR_ZONE_SHUTDOWN == 0x40080104 &&     \
                       HVISOR_ZONE_LIST == 0x80080105 && HVISOR_CONFIG_CHECK == 0x80080106 &&       \
                       HVISOR_SET_EVENTFD == 0x40040107 && HVISOR_LOAD_IMAGE == 0x40180108 &&       \
                       HVISOR_SET_BOOT_MODE == 0x40080109 && HVISOR_GET_ECAM_BASE == 0x8008010a &&  \
                       HVISOR_DEASSERT_IRQ == 0x4008010b,                                           \
                   "hvisor-tool's ioctl numbers")

#endif
