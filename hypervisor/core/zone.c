/*
 * Zones: creation from a checked config, destruction, and parking after a
 * fault fatal to the zone. A zone's parts come up in the order of
 * zone_parts[] and go down in reverse, so a failure half-way leaves nothing
 * behind (no frames, no CPUs).
 */
#include "core/zone.h"
#include "core/arch.h"
#include "core/cpu.h"
#include "core/event.h"
#include "core/vcpu.h"
#include "core/frame.h"
#include "core/device_trap.h"
#include "core/virtio_bridge.h"
#include <arch/mm.h>
#include "lib/printf.h"
#include "lib/string.h"

struct zone *zones[MAX_ZONES];
static struct zone zone_storage[MAX_ZONES];

struct zone_part {
    const char *name;
    bool (*init)(struct zone *z, u64 present_cpus);
    void (*exit)(struct zone *z);
};

/* Address space: the zone's guest id and its stage-2 map of every region. */
static bool space_init(struct zone *z, u64 present_cpus)
{
    (void)present_cpus;
    if (!zone_arch_init(z))
        return false;
    for (u32 i = 0; i < z->cfg->nr_mem; i++) {
        const struct mem_region *r = &z->cfg->mem[i];
        if (r->type == MEM_VIRTIO || r->type == MEM_TRAPPED)
            continue; /* left unmapped: every access traps */
        if (!zone_arch_map(z, r->gpa, r->hpa, r->size, (enum mem_type)r->type)) {
            pr_err("zone %u: cannot map %lx+%lx\n", z->id, r->gpa, r->size);
            return false;
        }
    }
    return true;
}

static void space_exit(struct zone *z) { zone_arch_destroy(z); }

static bool mmio_init(struct zone *z, u64 present_cpus)
{
    (void)present_cpus;
    mmio_table_init(&z->mmio);
    for (u32 i = 0; i < z->cfg->nr_mem; i++) {
        const struct mem_region *r = &z->cfg->mem[i];
        if (r->type == MEM_TRAPPED && !device_trap_register(&z->mmio, r)) {
            pr_err("zone %u: cannot trap the device at %lx+%lx\n", z->id, r->hpa, r->size);
            return false;
        }
        if (r->type == MEM_VIRTIO && !virtio_bridge_register(&z->mmio, r)) {
            pr_err("zone %u: cannot trap the virtio window at %lx+%lx\n", z->id, r->gpa, r->size);
            return false;
        }
    }
    return true;
}

static void mmio_exit(struct zone *z) { mmio_table_init(&z->mmio); }

/*
 * CPUs: the config's CPUs that are present become the zone's vCPUs, parked.
 * The root's CPUs have it as their home: they go back there,
 * parked, when a later zone lets it go. The CPU itself only ever reads these
 * fields while it is parked or offline, and the state is written last.
 */
static bool cpus_init(struct zone *z, u64 present_cpus)
{
    z->cpus = z->cfg->cpus & present_cpus;
    for (u32 cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++) {
        if (!(z->cpus & BIT(cpu)))
            continue;
        struct vcpu *v = vcpu_of_cpu(cpu);
        if (v->zone || v->state != VCPU_OFFLINE) {
            pr_err("zone %u: CPU %u is not free\n", z->id, cpu);
            return false;
        }
        v->zone = z;
        v->id = z->nr_vcpus;
        v->mmio_pending = false;
        if (z->id == 0) {
            v->home = z;
            v->home_id = v->id;
        }
        z->vcpu[z->nr_vcpus++] = v;
        __atomic_store_n(&v->state, VCPU_PARKED, __ATOMIC_RELEASE);
    }
    return z->nr_vcpus != 0;
}

static void cpus_exit(struct zone *z)
{
    for (u32 i = 0; i < z->nr_vcpus; i++) {
        struct vcpu *v = z->vcpu[i];
        z->vcpu[i] = NULL;
        if (v->home && v->home != z) {
            /* back to its home zone, parked until that zone's guest starts it again */
            v->zone = v->home;
            v->id = v->home_id;
            v->mmio_pending = false;
            vcpu_arch_init(v);
            __atomic_store_n(&v->state, VCPU_PARKED, __ATOMIC_RELEASE);
            continue;
        }
        v->zone = NULL;
        __atomic_store_n(&v->state, VCPU_OFFLINE, __ATOMIC_RELEASE);
    }
    z->nr_vcpus = 0;
    z->cpus = 0;
}

/* The architecture's per-vCPU state (the emulated IPI block, ...) starts afresh in a new zone. */
static bool vcpu_state_init(struct zone *z, u64 present_cpus)
{
    (void)present_cpus;
    for (u32 i = 0; i < z->nr_vcpus; i++)
        vcpu_arch_init(z->vcpu[i]);
    return true;
}

static void vcpu_state_exit(struct zone *z) { (void)z; }

static const struct zone_part zone_parts[] = {
    {"address space", space_init, space_exit},
    {"MMIO table", mmio_init, mmio_exit},
    {"CPUs", cpus_init, cpus_exit},
    {"vCPU state", vcpu_state_init, vcpu_state_exit},
};

struct zone *zone_find(u32 id) { return id < MAX_ZONES ? zones[id] : NULL; }

/* A CPU lent to another zone is not this zone's meanwhile. */
struct vcpu *zone_vcpu(struct zone *z, u32 id)
{
    struct vcpu *v = id < z->nr_vcpus ? z->vcpu[id] : NULL;
    return v && v->zone == z ? v : NULL;
}

void *zone_ram_ptr(struct zone *z, u64 gpa, u64 size)
{
    paddr_t hpa;
    if (!zone_config_ram_range(z->cfg, gpa, size, &hpa))
        return NULL;
    return phys_to_virt(hpa);
}

static void parts_exit(struct zone *z, u32 up_to)
{
    while (up_to--)
        zone_parts[up_to].exit(z);
}

struct zone *zone_create(const struct zone_config *cfg, u64 present_cpus)
{
    if (cfg->id >= MAX_ZONES || zones[cfg->id]) {
        pr_err("zone %u: id in use or out of range\n", cfg->id);
        return NULL;
    }
    struct zone *z = &zone_storage[cfg->id];
    memset(z, 0, sizeof(*z));
    z->id = cfg->id;
    z->cfg = cfg;
    for (u32 i = 0; i < ARRAY_SIZE(zone_parts); i++) {
        if (!zone_parts[i].init(z, present_cpus)) {
            pr_err("zone %u (%s): %s: cannot set up\n", z->id, cfg->name, zone_parts[i].name);
            /* the failed part undoes itself too: its exit takes a partial init */
            parts_exit(z, i + 1);
            return NULL;
        }
    }
    z->state = ZONE_RUNNING;
    zones[cfg->id] = z;
    pr_info("zone %u (%s): %u CPUs, %u regions, GID %u, stage-2 uses %u frames\n", z->id, cfg->name,
            z->nr_vcpus, cfg->nr_mem, z->arch.gid, hv_frames.used);
    return z;
}

void zone_destroy(struct zone *z)
{
    zones[z->id] = NULL;
    parts_exit(z, ARRAY_SIZE(zone_parts));
}

void zone_park(struct zone *z, struct vcpu *v, const char *fmt, ...)
{
    /* Only the first fault is reported; a CPU of the zone that faults meanwhile just stops. */
    if (__atomic_exchange_n(&z->state, ZONE_PARKED, __ATOMIC_ACQ_REL) == ZONE_RUNNING) {
        char cause[160];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(cause, sizeof(cause), fmt, ap);
        va_end(ap);
        pr_err("zone %u (%s) parked: %s (CPU %u, era %lx)\n", z->id, z->cfg->name, cause, v->cpu,
               vcpu_arch_pc(v));
        for (u32 i = 0; i < z->nr_vcpus; i++)
            if (z->vcpu[i] != v)
                cpu_send_event(z->vcpu[i]->cpu, EVENT_STOP, STOP_ARG(z->id, 0));
    }
    vcpu_stop(v, false);
}
