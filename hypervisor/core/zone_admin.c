/*
 * Zone administration (see zone_admin.h). A start runs in four steps, and
 * only the last two change anything: copy the root's config into lvisor,
 * check it (zone_request.c) and the device tree it names, take its CPUs
 * (from the root's offline CPUs or the free ones), build the zone and start
 * its first vCPU. A failure in the last two steps gives every CPU back.
 */
#include "core/zone_admin.h"
#include "core/arch.h"
#include "core/cpu.h"
#include "core/efi_boot.h"
#include "core/fdt.h"
#include "core/frame.h"
#include "core/platform.h"
#include "core/vcpu.h"
#include "core/virtio_bridge.h"
#include "core/zone.h"
#include "core/zone_request.h"
#include "lib/printf.h"
#include "lib/spinlock.h"
#include "lib/string.h"
#include <arch/mm.h>
#include <lvisor/hypercall.h>

/* Generous: a CPU answers at its next exit, but the emulator's threads may wait for a host core. */
#define ANSWER_TIMEOUT_US 1000000

static spinlock_t admin_lock;
static u8 config_copy[LVISOR_ZONE_CONFIG_SIZE] __attribute__((aligned(8)));
static struct zone_request checked;
static struct zone_request live[MAX_ZONES]; /* the configs zones[id] point into */
static struct zone_reject last_reject;
static u32 leave_seq;

static u64 deadline_us(u64 us) { return arch_timer_now() + arch_timer_freq() / 1000000 * us; }

static s64 refuse(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static s64 refuse(int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_reject.why, sizeof(last_reject.why), fmt, ap);
    va_end(ap);
    pr_warn("zone start refused: %s\n", last_reject.why);
    return -err;
}

static u64 cpus_of_zones(void)
{
    u64 m = 0;
    for (u32 i = 1; i < MAX_ZONES; i++)
        if (zones[i])
            m |= zones[i]->cpus;
    return m;
}

static void build_rules(struct zone_request_rules *r, const struct zone_config **running)
{
    *r = (struct zone_request_rules){
        .hv = platform.hv,
        .zone_ram = platform.zone_ram,
        .nr_zone_ram = platform.nr_zone_ram,
        .io = platform.zone_io,
        .nr_io = platform.nr_zone_io,
        .trapped = platform.zone_trapped,
        .nr_trapped = platform.nr_zone_trapped,
        .gpa_limit = zone_arch_gpa_limit(),
        .max_zone_id = MAX_ZONES - 1,
        .cpus_present = cpus_online,
        /* the root's CPUs count as free here: whether its guest gave them up is asked below */
        .cpus_free = cpus_online & ~cpus_of_zones(),
        .running = running,
    };
    for (u32 i = 0; i < MAX_ZONES; i++) {
        if (!zones[i])
            continue;
        r->ids_in_use |= BIT(i);
        if (i)
            running[r->nr_running++] = zones[i]->cfg;
    }
}

/* Back to the zone it came from, parked (the root's Linux starts it when it onlines it). */
static void return_home(struct vcpu *v)
{
    if (v->zone || !v->home)
        return;
    v->zone = v->home;
    v->id = v->home_id;
    vcpu_arch_init(v);
    __atomic_store_n(&v->state, VCPU_PARKED, __ATOMIC_RELEASE);
}

/*
 * Asks a root CPU to leave the root. The answer word holds a sequence number:
 * a CPU that reads the question after the asker gave up finds a newer number
 * and leaves nothing.
 */
static bool ask_to_leave(struct vcpu *v)
{
    u32 seq = ++leave_seq & 0x3fffffff;
    u32 asked = seq << 2 | LEAVE_ASKED;
    __atomic_store_n(&v->leave_answer, asked, __ATOMIC_RELEASE);
    cpu_send_event(v->cpu, EVENT_LEAVE, asked);
    u64 until = deadline_us(ANSWER_TIMEOUT_US);
    while (__atomic_load_n(&v->leave_answer, __ATOMIC_ACQUIRE) == asked && arch_timer_now() < until)
        ;
    u32 expected = asked;
    if (__atomic_compare_exchange_n(&v->leave_answer, &expected, seq << 2 | LEAVE_REFUSED, false,
                                    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        pr_warn("CPU %u did not answer within %u ms\n", v->cpu, ANSWER_TIMEOUT_US / 1000);
        return false;
    }
    return (expected & 3) == LEAVE_DONE;
}

/* Takes every CPU of mask: free ones as they are, the root's only if its guest gave them up. */
static s64 take_cpus(u64 mask, u64 *taken)
{
    *taken = 0;
    for (u32 cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++) {
        if (!(mask & BIT(cpu)))
            continue;
        struct vcpu *v = vcpu_of_cpu(cpu);
        if (!v->zone && v->state == VCPU_OFFLINE)
            continue;
        /* the CPU making this request is online in the root, whatever it would answer */
        if (v->zone != zones[0] || cpu == arch_cpu_id() || !ask_to_leave(v))
            return refuse(HV_EBUSY,
                          "cpus: CPU %u is online in the root zone (take it offline first: "
                          "echo 0 > /sys/devices/system/cpu/cpu%u/online)",
                          cpu, cpu);
        *taken |= BIT(cpu);
    }
    return 0;
}

static void give_back(u64 mask)
{
    for (u32 cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++)
        if (mask & BIT(cpu))
            return_home(vcpu_of_cpu(cpu));
}

/* A Linux zone's boot: its device tree's bootargs and EFI boot data lvisor writes into its RAM. */
static s64 check_linux_boot(const struct zone_request *req, char *cmdline, u32 max)
{
    const struct mem_region *r = NULL;
    for (u32 i = 0; i < req->cfg.nr_mem && !r; i++)
        if (req->mem[i].type == MEM_RAM && req->dtb.gpa >= req->mem[i].gpa &&
            req->dtb.gpa - req->mem[i].gpa < req->mem[i].size)
            r = &req->mem[i];
    if (!r)
        return refuse(HV_EINVAL, "dtb at zone address 0x%lx: not in the zone's RAM", req->dtb.gpa);
    void *fdt = phys_to_virt(r->hpa + (req->dtb.gpa - r->gpa));
    if (fdt_chosen_bootargs(fdt, req->dtb.size, cmdline, max) < 0)
        return refuse(HV_EINVAL, "dtb at zone address 0x%lx: not a device tree", req->dtb.gpa);
    return 0;
}

static void prepare_boot(struct zone *z, const struct zone_request *req, const char *cmdline)
{
    z->entry = req->entry;
    if (!req->efi_boot) {
        z->boot_a0 = z->boot_a1 = z->boot_a2 = 0; /* hvisor's entry state */
        return;
    }
    struct efi_boot_args args = {.cmdline = cmdline, .fdt_gpa = req->dtb.gpa};
    struct efi_boot_addrs addrs;
    efi_boot_build(zone_ram_ptr(z, ZONE_BOOT_AREA_GPA, ZONE_BOOT_AREA_SIZE), ZONE_BOOT_AREA_GPA,
                   &args, &addrs);
    z->boot_a0 = 1; /* efi_boot */
    z->boot_a1 = addrs.cmdline_gpa;
    z->boot_a2 = addrs.systab_gpa;
}

static u64 ram_of(const struct zone_config *c)
{
    u64 n = 0;
    for (u32 i = 0; i < c->nr_mem; i++)
        if (c->mem[i].type == MEM_RAM)
            n += c->mem[i].size;
    return n;
}

static s64 start_locked(struct zone *root, u64 pa, u64 size)
{
    static char cmdline[EFI_CMDLINE_MAX];
    static const struct zone_config *running[MAX_ZONES];
    last_reject.why[0] = 0;
    if (size > sizeof(config_copy))
        return refuse(HV_EINVAL, "size %lu: not %u (or %u, the older layout)", size,
                      LVISOR_ZONE_CONFIG_SIZE, LVISOR_ZONE_CONFIG_SIZE_LEGACY);
    const void *src = zone_ram_ptr(root, pa, size);
    if (!src || !IS_ALIGNED(pa, 8))
        return refuse(HV_EFAULT, "config at 0x%lx+0x%lx: not in the root zone's RAM", pa, size);
    /* lvisor's own copy: the root cannot change it between the checks and their use */
    memcpy(config_copy, src, size);

    struct zone_request_rules rules;
    build_rules(&rules, running);
    int err = zone_request_check(config_copy, size, &rules, &checked, &last_reject);
    if (err) {
        pr_warn("zone start refused: %s\n", last_reject.why);
        return err;
    }
    cmdline[0] = 0;
    if (checked.efi_boot && (err = (int)check_linux_boot(&checked, cmdline, sizeof(cmdline))))
        return err;

    u64 taken;
    s64 e = take_cpus(checked.cfg.cpus, &taken);
    if (e) {
        give_back(taken);
        return e;
    }
    u32 id = checked.cfg.id;
    struct zone_request *req = &live[id];
    *req = checked;
    req->cfg.mem = req->mem;
    req->cfg.name = req->name;
    u32 frames = hv_frames.used;
    struct zone *z = zone_create(&req->cfg, cpus_online);
    if (!z) {
        give_back(checked.cfg.cpus);
        memset(req, 0, sizeof(*req));
        return refuse(HV_ENOMEM, "zone %u: not enough of lvisor's memory for its page tables", id);
    }
    prepare_boot(z, req, cmdline);
    pr_info("zone %u (%s) starts: CPUs %lx, %lu MiB, entry %lx, %s, %u page-table frames\n", id,
            req->name, z->cpus, ram_of(&req->cfg) >> 20, z->entry,
            req->efi_boot ? "EFI boot data" : "registers 0", hv_frames.used - frames);
    cpu_send_event(z->vcpu[0]->cpu, EVENT_START_VCPU, z->entry);
    return 0;
}

s64 zone_admin_start(struct zone *root, u64 pa, u64 size)
{
    spin_lock(&admin_lock);
    s64 r = start_locked(root, pa, size);
    spin_unlock(&admin_lock);
    return r;
}

static s64 shutdown_locked(u64 id)
{
    if (id == 0 || id >= MAX_ZONES || !zones[id]) {
        pr_warn("zone shutdown: no zone %lu%s\n", id, id == 0 ? " (the root stays)" : "");
        return -HV_EINVAL;
    }
    struct zone *z = zones[id];
    u64 t0 = arch_timer_now();
    for (u32 i = 0; i < z->nr_vcpus; i++)
        cpu_send_event(z->vcpu[i]->cpu, EVENT_STOP, STOP_ARG(z->id, STOP_SHUTDOWN));
    u64 until = deadline_us(ANSWER_TIMEOUT_US);
    for (u32 i = 0; i < z->nr_vcpus; i++) {
        struct vcpu *v = z->vcpu[i];
        while (__atomic_load_n(&v->state, __ATOMIC_ACQUIRE) != VCPU_STOPPED) {
            if (arch_timer_now() >= until) {
                pr_err("zone %u: CPU %u did not stop; the zone stays\n", z->id, v->cpu);
                return -HV_EIO;
            }
        }
    }
    u64 stopped_us = (arch_timer_now() - t0) * 1000000 / arch_timer_freq();
    u64 cpus = z->cpus;
    u32 frames = hv_frames.used;
    char name[LVISOR_ZONE_NAME_LEN + 1];
    memcpy(name, live[id].name, sizeof(name));
    virtio_bridge_zone_stopped(z);
    zone_destroy(z);
    memset(&live[id], 0, sizeof(live[id]));
    pr_info("zone %lu (%s) shut down in %lu us: CPUs %lx released, %u page-table frames returned\n",
            id, name, stopped_us, cpus, frames - hv_frames.used);
    return 0;
}

s64 zone_admin_shutdown(u64 id)
{
    spin_lock(&admin_lock);
    s64 r = shutdown_locked(id);
    spin_unlock(&admin_lock);
    return r;
}

s64 zone_admin_list(struct lvisor_zone_info *info, u64 capacity)
{
    spin_lock(&admin_lock);
    s64 n = 0;
    for (u32 i = 0; i < MAX_ZONES && (u64)n < capacity; i++) {
        struct zone *o = zones[i];
        if (!o)
            continue;
        struct lvisor_zone_info *e = &info[n++];
        memset(e, 0, sizeof(*e));
        e->zone_id = o->id;
        for (u32 k = 0; k < o->nr_vcpus; k++)
            if (zone_vcpu(o, k))
                e->cpus |= BIT(o->vcpu[k]->cpu); /* the root's lent CPUs are not its own now */
        u64 ram = ram_of(o->cfg);
        for (u32 k = 0; i == 0 && k < platform.nr_zone_ram; k++)
            ram -= platform.zone_ram[k].size; /* the root maps it, its Linux does not use it */
        e->ram_mib = (u32)(ram >> 20);
        e->is_err = o->state == ZONE_PARKED;
        for (u32 k = 0; k < LVISOR_ZONE_NAME_LEN && o->cfg->name[k]; k++)
            e->name[k] = o->cfg->name[k];
    }
    spin_unlock(&admin_lock);
    return n;
}

const char *zone_admin_last_error(void) { return last_reject.why; }
