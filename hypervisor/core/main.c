/*
 * Boot flow: console, boot CPU set-up, frame pool, root zone (stage-2, images,
 * boot data), secondary CPUs, then the boot CPU enters the root zone's vCPU 0.
 * Everything about the board comes from `platform` (core/platform.h).
 */
#include "core/arch.h"
#include "core/config.h"
#include "core/cpu.h"
#include "core/frame.h"
#include "core/panic.h"
#include "core/platform.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include "drivers/console.h"
#include <arch/mm.h>
#include "lib/printf.h"

#define LVISOR_VERSION "0.1"

extern char __image_start[], __image_end[], secondary_entry[];
extern char cpu_stacks[];

void boot_main(u64 a0, u64 a1, u64 a2);
void secondary_main(u32 cpu) __attribute__((noreturn));

static volatile u32 zones_ready;
bool log_to_console_after_boot = true;

static void vcpus_init(void)
{
    for (u32 cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++) {
        struct vcpu *v = vcpu_of_cpu(cpu);
        v->cpu = cpu;
        v->state = VCPU_OFFLINE;
        v->arch.regs.stack_top = (u64)cpu_stacks + (u64)(cpu + 1) * CONFIG_STACK_SIZE;
        event_queue_init(&v->events);
    }
}

static u32 cpu_count(u64 mask) { return (u32)__builtin_popcountll(mask); }

/* Until the boot CPU has built the zones: sleep, woken by its IPI. */
static void wait_for_zones(void)
{
    while (!__atomic_load_n(&zones_ready, __ATOMIC_ACQUIRE))
        arch_cpu_wait_ipi();
}

static void release_secondaries(void)
{
    __atomic_store_n(&zones_ready, 1, __ATOMIC_RELEASE);
    for (u32 cpu = 1; cpu < CONFIG_MAX_CPUS; cpu++)
        if (cpus_online & BIT(cpu))
            arch_ipi_send(cpu);
}

/* Starts the wanted CPUs but the boot CPU and warns about those that did not come up. */
static void start_secondaries(u64 wanted)
{
    wanted &= (BIT(platform.nr_cpus) - 1) & ~BIT(0);
    platform.start_secondaries(wanted, (u64)secondary_entry);
    for (u32 cpu = 1; cpu < platform.nr_cpus; cpu++)
        if ((wanted & BIT(cpu)) && !(cpus_online & BIT(cpu)))
            pr_warn("CPU %u did not come up\n", cpu);
}

void boot_main(u64 a0, u64 a1, u64 a2)
{
    console_init(platform.console.type, platform.console.base);
    printk("\n[lvisor] lvisor %s: static-partitioning hypervisor for LoongArch64 (LVZ)\n",
           LVISOR_VERSION);
    pr_info("image %lx-%lx, boot args a0=%lx a1=%lx a2=%lx\n", virt_to_phys(__image_start),
            virt_to_phys(__image_end), a0, a1, a2);
    platform.read_boot_args(a0, a1, a2);

    vcpus_init();
    arch_cpu_init(0);
    cpus_online = 1;
    pr_info("CPU 0 up (boot CPU), timer %lu Hz\n", arch_timer_freq());
    if (!arch_cpu_can_virtualize()) {
        pr_err("CPU has no LVZ (CPUCFG2.LVZP = 0): cannot run guests; use -cpu la464,lvz=on\n");
        start_secondaries(platform.present_cpus());
        arch_cpu_halt();
    }

    const struct hv_memory *hv = &platform.hv;
    u64 pool = ALIGN_UP(virt_to_phys(__image_end), FRAME_SIZE);
    frame_pool_init(&hv_frames, (u64)phys_to_virt(pool), hv->base + hv->size - pool);
    pr_info("frame pool %lx-%lx (%u frames)\n", pool, hv->base + hv->size, hv_frames.nr);

    if (!platform.discover_ram())
        arch_cpu_halt();
    const struct zone_config *rc = platform.root_zone;
    enum config_error ce = zone_config_check(rc, hv, platform.nr_cpus);
    if (ce != CONFIG_OK)
        panic("root zone config: %s", config_error_str(ce));
    /* every CPU comes up: those the root does not get wait for non-root zones */
    start_secondaries(platform.present_cpus());
    pr_info("%u CPUs online\n", cpu_count(cpus_online));
    struct zone *root = zone_create(rc, cpus_online);
    if (!root || !zone_load_linux(root))
        panic("cannot build the root zone");
    /* secondaries wait for their vCPU to join a zone before parking */
    release_secondaries();
    /* The stable counter starts at reset: how long lvisor's own boot took. */
    u64 khz = arch_timer_freq() / 1000;
    pr_info("entering root zone at %lx, %lu us after reset\n", root->entry,
            khz ? arch_timer_now() * 1000 / khz : 0);

    if (!log_to_console_after_boot) {
        pr_info(
            "from now on, only errors on this console: the rest in lvisor's log (lvisor hv log)\n");
        log_console_errors_only(true);
    }
    struct vcpu *v = root->vcpu[0];
    root->boot_a0 = 1; /* efi_boot */
    vcpu_start(v, root->entry);
}

void secondary_main(u32 cpu)
{
    arch_cpu_init(cpu);
    pr_info("CPU %u up\n", cpu);
    __atomic_fetch_or(&cpus_online, BIT(cpu), __ATOMIC_ACQ_REL);
    if (!arch_cpu_can_virtualize())
        arch_cpu_halt();
    wait_for_zones();
    cpu_park(vcpu_of_cpu(cpu));
}
