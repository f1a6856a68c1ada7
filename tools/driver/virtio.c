// SPDX-License-Identifier: GPL-2.0
/*
 * The virtio side of /dev/hvisor: the bridge page lvisor and the root's
 * virtio daemon share (request and response rings), the calls that drive it,
 * and the wake-up interrupt lvisor raises when a zone queues a request while
 * the daemon sleeps, passed on to the daemon through an eventfd.
 */
#include "driver.h"
#include "hypercall.h"
#include <lvisor/virtio_bridge.h>
#include <linux/eventfd.h>
#include <linux/gfp.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_irq.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/* The root's CPU interrupt line (HWI2) lvisor kicks; acked as "zone 0, irq 4". */
#define WAKEUP_HWI 4

static DEFINE_MUTEX(bridge_lock); /* bridge_page and the HVC_VIRTIO_INIT call */
static void *bridge_page;         /* allocated at the first HVISOR_INIT_VIRTIO */
/*
 * bridge_page once lvisor has accepted it. From then on lvisor may write to
 * it at any time, so it is never freed, not even at module unload; mmap
 * reads this without the lock (it would otherwise nest inside mmap_lock).
 */
static void *bridge_live;
/* The open file that registered the page: the daemon's. Its close is the daemon's end. */
static struct file *bridge_owner;

static DEFINE_SPINLOCK(eventfd_lock); /* wakeup_ctx, wakeup_owner; taken in the handler */
static struct eventfd_ctx *wakeup_ctx;
static struct file *wakeup_owner; /* the open file that set wakeup_ctx: its close drops it */

static int wakeup_irq;
static void *wakeup_dev;

long lvisor_init_virtio(struct file *file)
{
    long ret;

    mutex_lock(&bridge_lock);
    if (!bridge_page) {
        bridge_page = (void *)get_zeroed_page(GFP_KERNEL);
        if (!bridge_page) {
            mutex_unlock(&bridge_lock);
            return -ENOMEM;
        }
    } else {
        /* a restarted daemon starts from empty rings, as on a fresh page */
        memset(bridge_page, 0, PAGE_SIZE);
    }
    ret = lvisor_hvc(HVC_VIRTIO_INIT, virt_to_phys(bridge_page), 0);
    if (ret >= 0) {
        bridge_owner = file;
        smp_store_release(&bridge_live, bridge_page);
    } else if (!bridge_live) {
        free_page((unsigned long)bridge_page);
        bridge_page = NULL;
    }
    mutex_unlock(&bridge_lock);
    return ret;
}

/* The daemon has queued responses: lvisor injects their interrupts. */
long lvisor_finish_req(void) { return lvisor_hvc(HVC_VIRTIO_INJECT_IRQ, 0, 0); }

long lvisor_deassert_irq(const struct lvisor_deassert_irq_args __user *uarg)
{
    struct lvisor_deassert_irq_args args;

    if (copy_from_user(&args, uarg, sizeof(args)))
        return -EFAULT;
    return lvisor_hvc(HVC_DEASSERT_IRQ, args.zone_id, args.irq_id);
}

long lvisor_set_eventfd(struct file *file, int fd)
{
    struct eventfd_ctx *ctx = eventfd_ctx_fdget(fd), *old;

    if (IS_ERR(ctx))
        return PTR_ERR(ctx);
    spin_lock_irq(&eventfd_lock);
    old = wakeup_ctx;
    wakeup_ctx = ctx;
    wakeup_owner = file;
    spin_unlock_irq(&eventfd_lock);
    if (old)
        eventfd_ctx_put(old);
    return 0;
}

static void drop_eventfd(struct file *owner)
{
    struct eventfd_ctx *old = NULL;

    spin_lock_irq(&eventfd_lock);
    if (!owner || owner == wakeup_owner) {
        old = wakeup_ctx;
        wakeup_ctx = NULL;
        wakeup_owner = NULL;
    }
    spin_unlock_irq(&eventfd_lock);
    if (old)
        eventfd_ctx_put(old);
}

/*
 * A daemon that exits stops being woken; the next one sets its own eventfd.
 * One that dies without its clean stop (kill -9) leaves mmio_avail set: it is
 * cleared here, so lvisor answers the zones' waiting reads (with 0) instead of
 * keeping their CPUs waiting for an answer that cannot come. Closed files are
 * released only once their mappings are gone, so nothing writes the page after.
 */
void lvisor_virtio_release(struct file *file)
{
    drop_eventfd(file);
    mutex_lock(&bridge_lock);
    if (file == bridge_owner) {
        struct lvisor_bridge_page *page = bridge_live;

        WRITE_ONCE(page->need_wakeup, 0);
        smp_store_release(&page->mmio_avail, 0);
        bridge_owner = NULL;
    }
    mutex_unlock(&bridge_lock);
}

int lvisor_bridge_mmap(struct vm_area_struct *vma)
{
    void *page = smp_load_acquire(&bridge_live);

    if (!page) {
        pr_warn_ratelimited("mmap of the virtio bridge before HVISOR_INIT_VIRTIO refused\n");
        return -EINVAL;
    }
    if (vma->vm_end - vma->vm_start > PAGE_SIZE)
        return -EINVAL;
    return remap_pfn_range(vma, vma->vm_start, virt_to_phys(page) >> PAGE_SHIFT, PAGE_SIZE,
                           vma->vm_page_prot);
}

static irqreturn_t lvisor_wakeup(int irq, void *dev_id)
{
    long ret;

    spin_lock(&eventfd_lock);
    if (wakeup_ctx)
        eventfd_signal(wakeup_ctx);
    spin_unlock(&eventfd_lock);
    /*
     * lvisor holds the line up until it is acked. Ack after the signal: a
     * kick that lands in between raises the line again, so none is lost.
     */
    ret = lvisor_hvc(HVC_DEASSERT_IRQ, 0, WAKEUP_HWI);
    if (ret < 0)
        pr_err_ratelimited("cannot ack the virtio wake-up (%ld)\n", ret);
    return IRQ_HANDLED;
}

/*
 * The line comes from /hvisor_virtio_device (by path, as hvisor-tool looks
 * it up). Without it the driver still works; the daemon just gets no kick.
 */
void lvisor_wakeup_init(void *dev_id)
{
    struct device_node *np = of_find_node_by_path("/hvisor_virtio_device");
    int irq, err;

    if (!np) {
        pr_info("no /hvisor_virtio_device node: running without the virtio wake-up\n");
        return;
    }
    irq = of_irq_get(np, 0);
    of_node_put(np);
    if (irq <= 0) {
        pr_warn("/hvisor_virtio_device: no interrupt (%d): running without the virtio wake-up\n",
                irq);
        return;
    }
    err = request_irq(irq, lvisor_wakeup, IRQF_SHARED | IRQF_TRIGGER_RISING, "hvisor_virtio_device",
                      dev_id);
    if (err) {
        pr_warn("cannot request irq %d (%d): running without the virtio wake-up\n", irq, err);
        return;
    }
    wakeup_irq = irq;
    wakeup_dev = dev_id;
}

void lvisor_virtio_exit(void)
{
    if (wakeup_irq)
        free_irq(wakeup_irq, wakeup_dev);
    drop_eventfd(NULL);
    /* bridge_page, if lvisor took it, stays allocated: lvisor still writes to it */
}
