/*
 * Boot flow: console, boot CPU set-up, frame pool, root zone (stage-2, images,
 * boot data), secondary CPUs, then the boot CPU enters the root zone's vCPU 0.
 */
#include "core/vcpu.h"
#include "core/zone.h"
#include "core/cpu.h"
#include "core/frame.h"
#include "core/config.h"
#include "arch/loongarch64/cpu.h"
#include "arch/loongarch64/csr.h"
#include "arch/loongarch64/mm.h"
#include "drivers/ns16550.h"
#include "platform/qemu-virt/platform.h"
#include "lib/printf.h"
#include "lib/string.h"

#define LVISOR_VERSION "0.1"

extern char __image_start[], __image_end[], secondary_entry[];

void boot_main(u64 a0, u64 a1, u64 a2);
void secondary_main(u32 cpu) __attribute__((noreturn));

static char hv_cmdline[256];
static volatile u32 zones_ready;

/* lvisor's own command line (QEMU -append), e.g. "initrd_size=0x1234". */
static u64 cmdline_u64(const char *key)
{
    const char *p = strstr(hv_cmdline, key);
    if (!p)
        return 0;
    return strtou64(p + strlen(key), NULL);
}

static void halt(void) __attribute__((noreturn));
static void halt(void)
{
    for (;;)
        cpu_idle();
}

static void vcpus_init(void)
{
    for (u32 cpu = 0; cpu < MAX_CPUS; cpu++) {
        struct vcpu *v = vcpu_of_cpu(cpu);
        v->cpu = cpu;
        v->state = VCPU_OFFLINE;
        v->stack_top = (u64)cpu_stack_top(cpu);
        event_queue_init(&v->events);
    }
}

/*
 * Start every wanted CPU but the boot CPU at once. QEMU's firmware loop clears its mailbox when
 * it starts, which may be after our first write: resend every 100 us to the
 * CPUs not up yet, for up to 1 s. Short, because the other CPUs wait for us.
 */
static u32 start_secondaries(u64 wanted)
{
    wanted &= ((1UL << PLAT_MAX_CPUS) - 1) & ~1UL;
    u64 now = rdtime(), give_up = now + timer_freq();
    while (now < give_up && (wanted & ~cpus_online)) {
        for (u32 cpu = 1; cpu < PLAT_MAX_CPUS; cpu++)
            if (wanted & ~cpus_online & BIT(cpu))
                smp_start_cpu(cpu, (u64)secondary_entry);
        u64 resend = rdtime() + timer_freq() / 10000;
        while ((wanted & ~cpus_online) && (now = rdtime()) < resend)
            ;
    }
    u32 n = 1;
    for (u32 cpu = 1; cpu < PLAT_MAX_CPUS; cpu++) {
        if (!(wanted & BIT(cpu)))
            continue;
        if (cpus_online & BIT(cpu))
            n++;
        else
            pr_warn("CPU %u did not come up\n", cpu);
    }
    return n;
}

/* Until the boot CPU has built the zones: sleep, woken by its IPI. */
static void wait_for_zones(void)
{
    csr_xchg(CSR_ECFG, BIT(INT_IPI), ECFG_LIE_MASK);
    while (!__atomic_load_n(&zones_ready, __ATOMIC_ACQUIRE)) {
        if (!(csr_read(CSR_ESTAT) & BIT(INT_IPI)))
            cpu_idle();
        ipi_ack();
    }
}

static void release_secondaries(void)
{
    __atomic_store_n(&zones_ready, 1, __ATOMIC_RELEASE);
    for (u32 cpu = 1; cpu < PLAT_MAX_CPUS; cpu++)
        if (cpus_online & BIT(cpu))
            ipi_send(cpu);
}

void boot_main(u64 a0, u64 a1, u64 a2)
{
    ns16550_init((u64)phys_to_io(PLAT_UART0_BASE));
    console_putc = ns16550_putc;
    printk("\n[lvisor] lvisor %s: static-partitioning hypervisor for LoongArch64 (LVZ)\n",
           LVISOR_VERSION);
    pr_info("image %lx-%lx, boot args a0=%lx a1=%lx a2=%lx\n", virt_to_phys(__image_start),
            virt_to_phys(__image_end), a0, a1, a2);
    if (a1 < PLAT_HV_BASE) {
        const char *src = phys_to_virt(a1);
        size_t n = strnlen(src, sizeof(hv_cmdline) - 1);
        memcpy(hv_cmdline, src, n);
        pr_info("command line: \"%s\"\n", hv_cmdline);
    }

    vcpus_init();
    arch_cpu_init(0);
    cpus_online = 1;
    pr_info("CPU 0 up (boot CPU), timer %lu Hz\n", timer_freq());
    if (!cpu_has_lvz()) {
        pr_err("CPU has no LVZ (CPUCFG2.LVZP = 0): cannot run guests; use -cpu la464,lvz=on\n");
        start_secondaries(plat_board_cpus());
        halt();
    }

    u64 pool = ALIGN_UP(virt_to_phys(__image_end), 4096);
    frame_pool_init(&hv_frames, (u64)phys_to_virt(pool), PLAT_HV_BASE + PLAT_HV_SIZE - pool);
    pr_info("frame pool %lx-%lx (%u frames)\n", pool, PLAT_HV_BASE + PLAT_HV_SIZE, hv_frames.nr);

    if (!plat_root_zone_fit_ram())
        halt();
    const struct hv_memory hv = { PLAT_HV_BASE, PLAT_HV_SIZE };
    const struct zone_config *rc = &root_zone_config;
    enum config_error ce = zone_config_check(rc, &hv, PLAT_MAX_CPUS);
    if (ce != CONFIG_OK) {
        pr_err("root zone config: %s\n", config_error_str(ce));
        halt();
    }
    u32 n = start_secondaries(rc->cpus & plat_board_cpus());
    pr_info("%u CPUs online\n", n);
    struct zone *root = zone_create(rc, cpus_online);
    if (!root || !zone_load_linux(root, cmdline_u64("initrd_size=")))
        halt();
    /* secondaries wait for their vCPU to join a zone before parking */
    release_secondaries();
    /* The stable counter starts at reset: how long lvisor's own boot took. */
    u64 khz = timer_freq() / 1000;
    pr_info("entering root zone at %lx, %lu us after reset\n", root->entry,
            khz ? rdtime() * 1000 / khz : 0);

    struct vcpu *v = root->vcpu[0];
    vcpu_reset(v, root->entry);
    v->gpr[REG_A0] = 1; /* efi_boot */
    v->gpr[REG_A1] = root->boot_a1;
    v->gpr[REG_A2] = root->boot_a2;
    vcpu_run(v);
}

void secondary_main(u32 cpu)
{
    arch_cpu_init(cpu);
    pr_info("CPU %u up\n", cpu);
    __atomic_fetch_or(&cpus_online, BIT(cpu), __ATOMIC_ACQ_REL);
    struct vcpu *v = vcpu_of_cpu(cpu);
    if (!cpu_has_lvz())
        halt();
    wait_for_zones();
    cpu_park(v);
}
