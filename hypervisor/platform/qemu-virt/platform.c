/* The QEMU virt board as core sees it (struct platform), and its -kernel boot protocol. */
#include "board.h"
#include "core/arch.h"
#include "core/cpu.h"
#include "core/platform.h"
#include <arch/mm.h>
#include "lib/printf.h"
#include "lib/string.h"

static char hv_cmdline[256];

/* QEMU's direct boot: a1 points at lvisor's command line (-append), e.g. "initrd_size=1234". */
static void read_boot_args(u64 a0, u64 a1, u64 a2)
{
    (void)a0;
    (void)a2;
    if (a1 >= BOARD_HV_BASE)
        return;
    const char *src = phys_to_virt(a1);
    size_t n = strnlen(src, sizeof(hv_cmdline) - 1);
    memcpy(hv_cmdline, src, n);
    pr_info("command line: \"%s\"\n", hv_cmdline);
    const char *p = strstr(hv_cmdline, "initrd_size=");
    if (p)
        qemu_virt_root_zone.initrd_size = strtou64(p + strlen("initrd_size="), NULL);
}

/*
 * Start every wanted CPU at once. QEMU's firmware loop clears its mailbox when
 * it starts, which may be after our first write: resend every 100 us to the
 * CPUs not up yet, for up to 1 s. Short, because the other CPUs wait for us.
 */
static void start_secondaries(u64 wanted, u64 entry)
{
    u64 freq = arch_timer_freq();
    u64 now = arch_timer_now(), give_up = now + freq;
    while (now < give_up && (wanted & ~cpus_online)) {
        for (u32 cpu = 1; cpu < CONFIG_MAX_CPUS; cpu++)
            if (wanted & ~cpus_online & BIT(cpu))
                arch_cpu_start(cpu, entry);
        u64 resend = arch_timer_now() + freq / 10000;
        while ((wanted & ~cpus_online) && (now = arch_timer_now()) < resend)
            ;
    }
}

/*
 * QEMU virt's UARTs 1-3: eight registers each, in the page UART 0 (lvisor's
 * and the root's console) shares, so a zone gets its UART through a trap.
 */
static const struct phys_range zone_uarts[] = {
    {BOARD_UART0_BASE + 0x100, 8},
    {BOARD_UART0_BASE + 0x200, 8},
    {BOARD_UART0_BASE + 0x300, 8},
};

const struct platform platform = {
    .name = "qemu-virt",
    .hv = {BOARD_HV_BASE, BOARD_HV_SIZE},
    .nr_cpus = CONFIG_MAX_CPUS,
    .console = {CONSOLE_NS16550, BOARD_UART0_BASE},
    .read_boot_args = read_boot_args,
    .discover_ram = board_discover_ram,
    .present_cpus = board_present_cpus,
    .start_secondaries = start_secondaries,
    .root_zone = &qemu_virt_root_zone,
    .zone_ram = board_zone_ram,
    .nr_zone_ram = 1,
    .zone_trapped = zone_uarts,
    .nr_zone_trapped = ARRAY_SIZE(zone_uarts),
};
