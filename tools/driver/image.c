// SPDX-License-Identifier: GPL-2.0
/*
 * The memory lvisor sets aside for zones, and the two ways the root zone
 * reaches into it: HVISOR_LOAD_IMAGE copies a zone's kernel or device tree
 * there, and mmap at a physical offset lets the virtio daemon reach a zone's
 * RAM. The root's device tree names that memory: reserved-memory children
 * with compatible "lvisor,zone-memory" (no-map), one or more reg entries
 * each. Anything outside it (the root's own RAM, devices, lvisor) is refused,
 * so a stray address cannot overwrite the root kernel.
 */
#include "driver.h"
#include <linux/io.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/uaccess.h>
#include <asm/cacheflush.h>

#define ZONE_MEMORY_MAX 16

struct zone_range {
    u64 start, size;
};

/* Filled at module load, read-only afterwards. */
static struct zone_range zone_memory[ZONE_MEMORY_MAX];
static unsigned int nr_zone_memory;

static void add_zone_memory(struct device_node *np, u64 start, u64 size)
{
    if (!size)
        return;
    if (start + size < start) {
        pr_warn("%pOF: range %#llx+%#llx wraps around: ignored\n", np, start, size);
        return;
    }
    if (nr_zone_memory == ZONE_MEMORY_MAX) {
        pr_warn("%pOF: more than %d zone memory ranges: %#llx+%#llx ignored\n", np, ZONE_MEMORY_MAX,
                start, size);
        return;
    }
    zone_memory[nr_zone_memory++] = (struct zone_range){start, size};
    pr_info("zone memory %#llx-%#llx\n", start, start + size - 1);
}

void lvisor_zone_memory_init(void)
{
    struct device_node *parent = of_find_node_by_path("/reserved-memory"), *np;
    u64 start, size;

    for_each_child_of_node(parent, np)
    {
        if (!of_device_is_compatible(np, "lvisor,zone-memory"))
            continue;
        /* reserved-memory reg is physical as written: no bus translation */
        for (int i = 0; !of_property_read_reg(np, i, &start, &size); i++)
            add_zone_memory(np, start, size);
    }
    of_node_put(parent);
    if (!nr_zone_memory)
        pr_warn("no memory set aside for zones: image loading and physical mmap are refused\n");
}

/* [start, start + size) inside one range; size > 0. */
static bool in_zone_memory(u64 start, u64 size)
{
    for (unsigned int i = 0; i < nr_zone_memory; i++) {
        const struct zone_range *r = &zone_memory[i];

        if (start >= r->start && start - r->start < r->size && size <= r->size - (start - r->start))
            return true;
    }
    return false;
}

/* Checks a request; names it in the log when refused (unless nothing was set aside: said at load).
 */
static bool zone_memory_allows(const char *what, u64 start, u64 size)
{
    if (size && in_zone_memory(start, size))
        return true;
    if (nr_zone_memory)
        pr_warn_ratelimited("%s of %#llx-%#llx refused: not in the memory set aside for zones\n",
                            what, start, start + size - 1);
    return false;
}

long lvisor_load_image(const struct lvisor_load_image_args __user *uarg)
{
    struct lvisor_load_image_args args;
    const char __user *src;
    long ret = 0;
    char *dst;

    if (copy_from_user(&args, uarg, sizeof(args)))
        return -EFAULT;
    if (!args.user_buffer || !args.size)
        return -EINVAL;
    if (!zone_memory_allows("image load", args.load_paddr, args.size))
        return -EINVAL;
    dst = memremap(args.load_paddr, args.size, MEMREMAP_WB);
    if (!dst)
        return -ENOMEM;
    src = u64_to_user_ptr((u64)args.user_buffer); /* lvisor_u64 is unsigned long */
    /* A kernel image is tens of MiB: copy in slices, so a kill need not wait for all of it. */
    for (u64 done = 0, n; done < args.size; done += n) {
        n = min_t(u64, args.size - done, SZ_1M);
        if (copy_from_user(dst + done, src + done, n)) {
            ret = -EFAULT;
            break;
        }
        if (fatal_signal_pending(current)) {
            ret = -EINTR;
            break;
        }
        cond_resched();
    }
    /*
     * The zone runs this as code. LoongArch keeps instruction fetch coherent
     * with the data caches, so this only orders this CPU's own fetches.
     */
    if (!ret)
        flush_icache_range((unsigned long)dst, (unsigned long)dst + args.size);
    memunmap(dst);
    return ret;
}

/* The virtio daemon maps a zone's RAM at its physical address, in page units. */
int lvisor_phys_mmap(struct vm_area_struct *vma)
{
    u64 size = vma->vm_end - vma->vm_start, start;

    if (vma->vm_pgoff > U64_MAX >> PAGE_SHIFT)
        return -EINVAL;
    start = (u64)vma->vm_pgoff << PAGE_SHIFT;
    if (!zone_memory_allows("mmap", start, size))
        return -EINVAL;
    return remap_pfn_range(vma, vma->vm_start, vma->vm_pgoff, size, vma->vm_page_prot);
}
