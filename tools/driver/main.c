// SPDX-License-Identifier: GPL-2.0
/*
 * lvisor.ko: the root zone's /dev/hvisor. Its ioctl numbers, arguments and
 * results are hvisor-tool's, so that tool's CLI and virtio daemon run on
 * lvisor unchanged; lvisor's own CLI uses the same device. This file
 * registers the device and routes each ioctl and mmap to its handler.
 */
#include "driver.h"
#include <linux/miscdevice.h>
#include <linux/module.h>

/* The numbers hvisor-tool was built with, and the argument layouts behind them. */
LVISOR_IOCTL_VALUES_CHECK;
_Static_assert(sizeof(struct lvisor_zone_list_args) == 16, "zone list arguments");
_Static_assert(sizeof(struct lvisor_load_image_args) == 24, "image arguments");
_Static_assert(sizeof(struct lvisor_deassert_irq_args) == 8, "deassert arguments");
_Static_assert(sizeof(struct lvisor_boot_mode_args) == 16, "boot mode arguments");
_Static_assert(sizeof(struct lvisor_zone_info) == 56, "zone list entry");

static long lvisor_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
    void __user *uarg = (void __user *)arg;

    switch (cmd) {
    case HVISOR_CONFIG_CHECK:
        return lvisor_config_check(uarg);
    case HVISOR_ZONE_START:
        return lvisor_zone_start(uarg);
    case HVISOR_ZONE_SHUTDOWN:
        return lvisor_zone_shutdown(arg); /* the zone id itself, not a pointer */
    case HVISOR_ZONE_LIST:
        return lvisor_zone_list(uarg);
    case HVISOR_LOAD_IMAGE:
        return lvisor_load_image(uarg);
    case HVISOR_SET_BOOT_MODE:
        return lvisor_set_boot_mode(uarg);
    case HVISOR_GET_ECAM_BASE:
        return lvisor_get_ecam_base(uarg);
    case HVISOR_INIT_VIRTIO:
        return lvisor_init_virtio(file);
    case HVISOR_FINISH_REQ:
        return lvisor_finish_req();
    case HVISOR_SET_EVENTFD:
        return lvisor_set_eventfd(file, (int)arg); /* the descriptor itself */
    case HVISOR_DEASSERT_IRQ:
        return lvisor_deassert_irq(uarg);
    case LVISOR_LAST_ERROR:
        return lvisor_last_error(uarg);
    case LVISOR_FREE_FRAMES:
        return lvisor_free_frames(uarg);
    case LVISOR_READ_LOG:
        return lvisor_read_log(uarg);
    default:
        return -EINVAL; /* hvisor-tool's answer, where Linux would say -ENOTTY */
    }
}

/* Offset 0 is the virtio bridge page; any other offset is a physical address. */
static int lvisor_mmap(struct file *file, struct vm_area_struct *vma)
{
    if (vma->vm_pgoff == 0)
        return lvisor_bridge_mmap(vma);
    return lvisor_phys_mmap(vma);
}

static int lvisor_release(struct inode *inode, struct file *file)
{
    lvisor_virtio_release(file);
    return 0;
}

static const struct file_operations lvisor_fops = {
    .owner = THIS_MODULE,
    .unlocked_ioctl = lvisor_ioctl,
    .mmap = lvisor_mmap,
    .release = lvisor_release,
    .llseek = noop_llseek,
};

static struct miscdevice lvisor_misc = {
    .minor = MISC_DYNAMIC_MINOR,
    .name = "hvisor", /* the name hvisor-tool opens */
    .fops = &lvisor_fops,
};

static int __init lvisor_init(void)
{
    int err;

    lvisor_zone_memory_init();
    err = misc_register(&lvisor_misc);
    if (err) {
        pr_err("cannot register /dev/hvisor (%d)\n", err);
        return err;
    }
    lvisor_wakeup_init(&lvisor_misc);
    return 0;
}
module_init(lvisor_init);

static void __exit lvisor_exit(void)
{
    misc_deregister(&lvisor_misc);
    lvisor_virtio_exit();
}
module_exit(lvisor_exit);

MODULE_DESCRIPTION("lvisor root-zone driver: /dev/hvisor");
MODULE_LICENSE("GPL");
