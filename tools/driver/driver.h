/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the driver's files share: one handler per ioctl, grouped by file, and
 * the set-up each file needs at module load and unload.
 */
#ifndef LVISOR_DRIVER_H
#define LVISOR_DRIVER_H

/* Before any include: every message says it comes from lvisor.ko. */
#define pr_fmt(fmt) "lvisor: " fmt

#include <linux/fs.h>
#include <linux/ioctl.h>
#include <linux/mm_types.h>
#include <linux/types.h>
#include <lvisor/ioctl.h>

/* zone_ioctl.c: zone start, shutdown and list, and lvisor's own queries */
long lvisor_config_check(u64 __user *uarg);
long lvisor_zone_start(const struct lvisor_zone_config __user *uarg);
long lvisor_zone_shutdown(u64 zone_id);
long lvisor_zone_list(struct lvisor_zone_list_args __user *uarg);
long lvisor_set_boot_mode(const struct lvisor_boot_mode_args __user *uarg);
long lvisor_get_ecam_base(u64 __user *uarg);
long lvisor_last_error(struct lvisor_error_msg __user *uarg);
long lvisor_free_frames(u64 __user *uarg);
long lvisor_read_log(struct lvisor_log_args __user *uarg);

/* image.c: the memory set aside for zones, and the two ways into it */
void lvisor_zone_memory_init(void);
long lvisor_load_image(const struct lvisor_load_image_args __user *uarg);
int lvisor_phys_mmap(struct vm_area_struct *vma);

/* virtio.c: the bridge page, the eventfd and the wake-up interrupt */
long lvisor_init_virtio(struct file *file);
long lvisor_finish_req(void);
long lvisor_deassert_irq(const struct lvisor_deassert_irq_args __user *uarg);
long lvisor_set_eventfd(struct file *file, int fd);
void lvisor_virtio_release(struct file *file);
int lvisor_bridge_mmap(struct vm_area_struct *vma);
void lvisor_wakeup_init(void *dev_id);
void lvisor_virtio_exit(void);

#endif
