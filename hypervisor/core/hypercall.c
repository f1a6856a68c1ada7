/*
 * Hypercalls. Every argument comes from the guest: pointers must lie in the
 * caller's own RAM, and anything unknown gets an error code, never a crash.
 */
#include "core/hypercall.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include "core/zone_admin.h"
#include "core/virtio_bridge.h"
#include "core/frame.h"
#include "lib/printf.h"
#include "lib/string.h"
#include <lvisor/hypercall.h>

static s64 hc_config_check(struct zone *z, u64 pa)
{
    u64 *out = zone_ram_ptr(z, pa, sizeof(u64));
    if (!out || !IS_ALIGNED(pa, 8))
        return -HV_EFAULT;
    *out = LVISOR_CONFIG_MAGIC;
    return 0;
}

static __attribute__((noinline)) s64 hc_zone_list(struct zone *z, u64 pa, u64 capacity)
{
    if (capacity > ARRAY_SIZE(zones))
        capacity = ARRAY_SIZE(zones);
    if (!capacity)
        return -HV_EINVAL;
    struct lvisor_zone_info *info = zone_ram_ptr(z, pa, capacity * sizeof(*info));
    if (!info || !IS_ALIGNED(pa, 8))
        return -HV_EFAULT;
    return zone_admin_list(info, capacity);
}

static s64 hc_last_error(struct zone *z, u64 pa, u64 size)
{
    char *out = size ? zone_ram_ptr(z, pa, size) : NULL;
    if (!out)
        return -HV_EFAULT;
    const char *why = zone_admin_last_error();
    size_t n = strnlen(why, size - 1);
    memcpy(out, why, n);
    out[n] = 0;
    return (s64)n;
}

static s64 hc_log(struct zone *z, u64 pa, u64 size)
{
    char *out = size ? zone_ram_ptr(z, pa, size) : NULL;
    if (!out)
        return -HV_EFAULT;
    return (s64)log_read(out, size);
}

static __attribute__((noinline)) s64 hc_exit_count(u64 cpu, u64 cause)
{
    if (cpu >= CONFIG_MAX_CPUS || cause > LVISOR_EXIT_TLB_REFILL)
        return -HV_EINVAL;
    struct vcpu *v = vcpu_of_cpu((u32)cpu);
    if (cause == LVISOR_EXIT_ALL)
        return (s64)v->exits;
    if (cause == LVISOR_EXIT_IDLE)
        return (s64)v->idle_exits;
    if (cause == LVISOR_EXIT_TLB_REFILL)
        return (s64)v->tlb_refills;
    return (s64)v->exit_causes[cause];
}

s64 hypercall_dispatch(struct vcpu *v, u64 code, u64 arg0, u64 arg1)
{
    struct zone *z = v->zone;
    bool root = z->id == 0;

    switch (code) {
    case HVC_CONFIG_CHECK:
        return hc_config_check(z, arg0);
    case HVC_ZONE_LIST:
        return root ? hc_zone_list(z, arg0, arg1) : -HV_EPERM;
    case HVC_LVISOR_EXIT_COUNT:
        return root ? hc_exit_count(arg0, arg1) : -HV_EPERM;
    case HVC_ZONE_START:
        return root ? zone_admin_start(z, arg0, arg1) : -HV_EPERM;
    case HVC_ZONE_SHUTDOWN:
        return root ? zone_admin_shutdown(arg0) : -HV_EPERM;
    case HVC_LVISOR_LAST_ERROR:
        return root ? hc_last_error(z, arg0, arg1) : -HV_EPERM;
    case HVC_LVISOR_LOG:
        return root ? hc_log(z, arg0, arg1) : -HV_EPERM;
    case HVC_LVISOR_FREE_FRAMES:
        return root ? (s64)(hv_frames.nr - hv_frames.used) : -HV_EPERM;
    case HVC_IVC_INFO:
    case HVC_SET_BOOT_MODE:
    case HVC_GET_ECAM_BASE:
        /* accepted and ignored on LoongArch, as hvisor-tool expects */
        return root ? 0 : -HV_EPERM;
    case HVC_VIRTIO_INIT:
        return root ? virtio_bridge_init(z, arg0) : -HV_EPERM;
    case HVC_VIRTIO_INJECT_IRQ:
        return root ? virtio_bridge_finish() : -HV_EPERM;
    case HVC_DEASSERT_IRQ:
        return root ? virtio_bridge_deassert(arg0, arg1) : -HV_EPERM;
    case HVC_CLEAR_INJECT_IRQ_LEGACY:
        return root ? virtio_bridge_clear_all() : -HV_EPERM;
    default:
        return -HV_ENOSYS;
    }
}
