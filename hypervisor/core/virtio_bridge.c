/*
 * The hypervisor's side of the virtio bridge (see virtio_bridge.h). Every
 * field the root writes into the page is checked before use: ring indices
 * are masked, a response's zone must be a running non-root zone and its
 * interrupt one of the eight HWI lines. A request waits on the zone's own
 * CPU: for a free ring slot, and (but for QueueNotify writes) for the
 * daemon's answer; it keeps serving its events meanwhile, so a shutdown
 * always gets through. Interrupt lines are levels, raised and lowered on the
 * target CPU by an event, which is never dropped.
 */
#include "core/virtio_bridge.h"
#include "core/arch.h"
#include "core/cpu.h"
#include "core/event.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include "lib/printf.h"
#include "lib/spinlock.h"
#include <lvisor/hypercall.h>
#include <lvisor/virtio_bridge.h>

#define RING_MASK (LVISOR_BRIDGE_MAX_REQ - 1)
#define IRQ_HWI0  2 /* CPU interrupt numbers 2-9 are HWI0-7 */

static spinlock_t bridge_lock;
static struct lvisor_bridge_page *volatile bridge;
static u32 bad_responses, no_daemon, ring_full_logged;

s64 virtio_bridge_init(struct zone *root, u64 pa)
{
    if (!IS_ALIGNED(pa, 4096))
        return -HV_EINVAL;
    struct lvisor_bridge_page *b = zone_ram_ptr(root, pa, 4096);
    if (!b)
        return -HV_EFAULT;
    spin_lock(&bridge_lock);
    bridge = b;
    spin_unlock(&bridge_lock);
    pr_info("virtio bridge at %lx\n", pa);
    return 0;
}

static u64 irq_event_arg(u32 zone_id, u32 line, bool level)
{
    return (u64)zone_id << 8 | line << 1 | level;
}

/* On the target CPU: the line changes only if the CPU still runs that zone. */
void virtio_bridge_set_irq_event(struct vcpu *v, u64 arg)
{
    if (v->zone && v->zone->id == (u32)(arg >> 8))
        vcpu_arch_set_irq(v, (u32)(arg >> 1) & 7, arg & 1);
}

/*
 * A zone's line, on every one of its CPUs. Linux enables a CPU interrupt line
 * only on the CPU that requested it (its unmask sets that CPU's ECFG bit), and
 * that may be any of the zone's CPUs, so the line is raised on all of them.
 * Linux also runs the handlers of every pending line at any interrupt, so
 * another CPU may run it as well: a status read more, nothing lost. The
 * root's wake-up line is HWI2, which Linux enables on every CPU: its first is
 * enough.
 */
static bool set_line(u32 zone_id, u64 irq_id, bool level)
{
    struct zone *z = zone_find(zone_id);
    if (!z || irq_id < IRQ_HWI0 || irq_id >= IRQ_HWI0 + 8 || z->state != ZONE_RUNNING)
        return false;
    u64 arg = irq_event_arg(zone_id, (u32)irq_id - IRQ_HWI0, level);
    u32 n = zone_id == 0 ? 1 : z->nr_vcpus;
    bool sent = false;
    for (u32 i = 0; i < n; i++) {
        struct vcpu *v = zone_vcpu(z, i);
        if (v) {
            cpu_send_event(v->cpu, EVENT_SET_IRQ, arg);
            sent = true;
        }
    }
    return sent;
}

s64 virtio_bridge_finish(void)
{
    struct lvisor_bridge_page *b = bridge;
    if (!b)
        return -HV_EINVAL;
    spin_lock(&bridge_lock);
    u32 front = b->res_front & RING_MASK;
    u32 rear = __atomic_load_n(&b->res_rear, __ATOMIC_ACQUIRE) & RING_MASK;
    while (front != rear) {
        struct lvisor_bridge_res r = b->res_list[front];
        if ((r.target_zone == 0 || !set_line(r.target_zone, r.irq_id, true)) && bad_responses++ < 8)
            pr_warn("virtio: response for zone %u, irq %u: no such zone or line, skipped\n",
                    r.target_zone, r.irq_id);
        front = (front + 1) & RING_MASK;
        __atomic_store_n(&b->res_front, front, __ATOMIC_RELEASE);
    }
    spin_unlock(&bridge_lock);
    return 0;
}

s64 virtio_bridge_deassert(u64 zone_id, u64 irq_id)
{
    if (zone_id >= MAX_ZONES)
        return -HV_EINVAL;
    return set_line((u32)zone_id, irq_id, false) ? 0 : -HV_EINVAL;
}

s64 virtio_bridge_clear_all(void)
{
    for (u32 id = 1; id < MAX_ZONES; id++)
        for (u64 irq = IRQ_HWI0; irq < IRQ_HWI0 + 8; irq++)
            set_line(id, irq, false);
    return 0;
}

/* The bridge page, if the daemon serves its devices (mmio_avail: 0 before it is
 * ready and after it stops), else NULL. */
static struct lvisor_bridge_page *serving(void)
{
    struct lvisor_bridge_page *b = bridge;
    return b && __atomic_load_n(&b->mmio_avail, __ATOMIC_ACQUIRE) ? b : NULL;
}

/* The daemon sleeps: raise the root's wake-up line (lowered by its DEASSERT(0, 4)). */
static void wake_daemon(struct lvisor_bridge_page *b)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&b->need_wakeup, __ATOMIC_ACQUIRE))
        set_line(0, LVISOR_VIRTIO_WAKEUP_HWI, true);
}

/* One request into the ring, if it has room. */
static bool try_push(struct lvisor_bridge_page *b, const struct lvisor_bridge_req *rq)
{
    spin_lock(&bridge_lock);
    u32 rear = b->req_rear & RING_MASK;
    u32 front = __atomic_load_n(&b->req_front, __ATOMIC_ACQUIRE) & RING_MASK;
    bool room = ((rear + 1) & RING_MASK) != front;
    if (room) {
        b->req_list[rear] = *rq;
        __atomic_store_n(&b->req_rear, (rear + 1) & RING_MASK, __ATOMIC_RELEASE);
    }
    spin_unlock(&bridge_lock);
    wake_daemon(b);
    return room;
}

/* One request into the ring; while it is full, wait (and serve our events). */
static void push(struct vcpu *v, struct lvisor_bridge_page *b, const struct lvisor_bridge_req *rq)
{
    while (!try_push(b, rq))
        vcpu_service(v); /* a full ring must not keep a shutdown out */
}

/* The daemon's answer to this CPU's config access: its flag moved. */
static bool answered(struct vcpu *v)
{
    struct lvisor_bridge_page *b = serving();
    u32 cpu = v->cpu;
    if (!b) {
        mmio_complete(v, 0); /* the daemon went away (or is starting again): reads give 0 */
        return true;
    }
    if (__atomic_load_n(&b->cfg_flags[cpu], __ATOMIC_ACQUIRE) == v->mmio_wait_flag)
        return false;
    mmio_complete(v, __atomic_load_n(&b->cfg_values[cpu], __ATOMIC_ACQUIRE));
    return true;
}

static enum mmio_result virtio_access(struct vcpu *v, void *arg, struct mmio_access *a)
{
    const struct mem_region *r = arg;
    struct lvisor_bridge_page *b = serving();
    if (!b || v->cpu >= LVISOR_BRIDGE_MAX_CPUS) {
        if (no_daemon++ < 4)
            pr_warn("zone %u: virtio access at %lx with no daemon in the root: reads 0\n",
                    v->zone->id, a->gpa);
        a->value = 0;
        return MMIO_HANDLED;
    }
    bool notify = a->is_write && a->offset == LVISOR_VIRTIO_QUEUE_NOTIFY;
    struct lvisor_bridge_req rq = {
        .src_cpu = v->cpu,
        .address = r->hpa + a->offset,
        .size = a->size,
        .value = a->is_write ? a->value : 0,
        .src_zone = v->zone->id,
        .is_write = a->is_write,
        .need_interrupt = notify,
    };
    v->mmio_wait_flag = __atomic_load_n(&b->cfg_flags[v->cpu], __ATOMIC_ACQUIRE);
    push(v, b, &rq);
    if (notify)
        return MMIO_HANDLED;
    v->mmio_poll = answered;
    return MMIO_PENDING;
}

/*
 * A zone that stops leaves its devices as the driver had them: queues the
 * daemon may still fill (a frame from the tap, a key on the console) in RAM
 * that the next zone there is loaded into. So each window gets the write a
 * driver resets its device with (Status = 0), from the zone's first CPU and
 * answered by nobody, as a QueueNotify is. The root's CPU is the one asking
 * here: it does not wait for a full ring (its daemon may need this CPU).
 */
void virtio_bridge_zone_stopped(const struct zone *z)
{
    struct lvisor_bridge_page *b = serving();
    if (!b || !z->nr_vcpus)
        return;
    for (u32 i = 0; i < z->cfg->nr_mem; i++) {
        const struct mem_region *r = &z->cfg->mem[i];
        if (r->type != MEM_VIRTIO)
            continue;
        struct lvisor_bridge_req rq = {
            .src_cpu = z->vcpu[0]->cpu,
            .address = r->hpa + LVISOR_VIRTIO_STATUS,
            .size = 4,
            .src_zone = z->id,
            .is_write = 1,
            .need_interrupt = 1,
        };
        if (!try_push(b, &rq) && ring_full_logged++ < 4)
            pr_warn("zone %u: the virtio ring is full: the device at %lx is not reset\n", z->id,
                    r->gpa);
    }
}

bool virtio_bridge_register(struct mmio_table *t, const struct mem_region *r)
{
    return mmio_register(t, r->gpa, r->size, virtio_access, (void *)r);
}
