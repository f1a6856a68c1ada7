// SPDX-License-Identifier: GPL-2.0
/*
 * Zone ioctls of /dev/hvisor, and lvisor's own queries. Each copies its
 * argument into kernel memory, gives lvisor that memory's physical address
 * (the root zone's physical addresses are the host's) and copies the answer
 * back. lvisor's result, a negative errno on failure, is the ioctl's result,
 * as hvisor-tool expects.
 *
 * Buffers lvisor reads or writes are always kmalloc'ed, never on the stack:
 * only the linear map is sure to be physically contiguous.
 */
#include "driver.h"
#include "hypercall.h"
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/* More zones than lvisor can run; bounds the buffer a caller can make us allocate. */
#define ZONE_LIST_MAX 64

long lvisor_config_check(u64 __user *uarg)
{
    u64 *magic = kzalloc(sizeof(*magic), GFP_KERNEL);
    long ret;

    if (!magic)
        return -ENOMEM;
    ret = lvisor_hvc(HVC_CONFIG_CHECK, virt_to_phys(magic), 0);
    if (ret >= 0 && put_user(*magic, uarg))
        ret = -EFAULT;
    kfree(magic);
    return ret;
}

long lvisor_zone_start(const struct lvisor_zone_config __user *uarg)
{
    struct lvisor_zone_config *cfg = memdup_user(uarg, sizeof(*cfg));
    long ret;

    if (IS_ERR(cfg))
        return PTR_ERR(cfg);
    /* lvisor must copy what it keeps: the buffer goes once the call returns */
    ret = lvisor_hvc(HVC_ZONE_START, virt_to_phys(cfg), sizeof(*cfg));
    kfree(cfg);
    return ret;
}

long lvisor_zone_shutdown(u64 zone_id) { return lvisor_hvc(HVC_ZONE_SHUTDOWN, zone_id, 0); }

long lvisor_zone_list(struct lvisor_zone_list_args __user *uarg)
{
    struct lvisor_zone_list_args args;
    struct lvisor_zone_info *zones;
    long ret;

    if (copy_from_user(&args, uarg, sizeof(args)))
        return -EFAULT;
    if (!args.cnt || args.cnt > ZONE_LIST_MAX)
        return -EINVAL;
    zones = kcalloc(args.cnt, sizeof(*zones), GFP_KERNEL);
    if (!zones)
        return -ENOMEM;
    ret = lvisor_hvc(HVC_ZONE_LIST, virt_to_phys(zones), args.cnt);
    if (ret > (long)args.cnt)
        ret = -EIO; /* more entries than there was room for: never trust it */
    else if (ret > 0 && copy_to_user(args.zones, zones, ret * sizeof(*zones)))
        ret = -EFAULT;
    kfree(zones);
    return ret; /* the number of zones, as hvisor-tool expects */
}

/* x86's multiboot choice: lvisor accepts and ignores it, like hvisor on LoongArch. */
long lvisor_set_boot_mode(const struct lvisor_boot_mode_args __user *uarg)
{
    struct lvisor_boot_mode_args *mode = memdup_user(uarg, sizeof(*mode));
    long ret;

    if (IS_ERR(mode))
        return PTR_ERR(mode);
    ret = lvisor_hvc(HVC_SET_BOOT_MODE, virt_to_phys(mode), sizeof(*mode));
    kfree(mode);
    return ret;
}

/* 0 unless lvisor sets an ECAM base; the tool then keeps its config's. */
long lvisor_get_ecam_base(u64 __user *uarg)
{
    u64 *base = kzalloc(sizeof(*base), GFP_KERNEL);
    long ret;

    if (!base)
        return -ENOMEM;
    ret = lvisor_hvc(HVC_GET_ECAM_BASE, virt_to_phys(base), 0);
    if (ret >= 0)
        ret = put_user(*base, uarg) ? -EFAULT : 0;
    kfree(base);
    return ret;
}

long lvisor_last_error(struct lvisor_error_msg __user *uarg)
{
    struct lvisor_error_msg *err = kzalloc(sizeof(*err), GFP_KERNEL);
    long ret;

    if (!err)
        return -ENOMEM;
    ret = lvisor_hvc(HVC_LVISOR_LAST_ERROR, virt_to_phys(err), sizeof(err->msg));
    if (ret >= 0) {
        err->msg[sizeof(err->msg) - 1] = '\0'; /* the caller may print it as is */
        ret = copy_to_user(uarg, err, sizeof(*err)) ? -EFAULT : 0;
    }
    kfree(err);
    return ret;
}

long lvisor_free_frames(u64 __user *uarg)
{
    long ret = lvisor_hvc(HVC_LVISOR_FREE_FRAMES, 0, 0);

    if (ret < 0)
        return ret;
    return put_user((u64)ret, uarg) ? -EFAULT : 0;
}

/* The tail of lvisor's log (its messages on the console, and those it kept off it). */
long lvisor_read_log(struct lvisor_log_args __user *uarg)
{
    struct lvisor_log_args args;
    char *buf;
    long ret;

    if (copy_from_user(&args, uarg, sizeof(args)))
        return -EFAULT;
    if (!args.size || args.size > LVISOR_LOG_MAX)
        return -EINVAL;
    buf = kmalloc(args.size, GFP_KERNEL);
    if (!buf)
        return -ENOMEM;
    ret = lvisor_hvc(HVC_LVISOR_LOG, virt_to_phys(buf), args.size);
    if (ret > 0 && copy_to_user((void __user *)(uintptr_t)args.user_buffer, buf, ret))
        ret = -EFAULT;
    kfree(buf);
    return ret;
}
