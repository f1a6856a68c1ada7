/* The QEMU virt board as core sees it (struct platform), and its -kernel boot protocol. */
#include "board.h"
#include "core/arch.h"
#include "core/cpu.h"
#include "core/platform.h"
#include <arch/mm.h>
#include "lib/printf.h"
#include "lib/string.h"

static char hv_cmdline[256];

/*
 * root_cpus=0 or 0-1 or 0,1: the root keeps CPUs 0..n-1 and the others wait
 * for non-root zones (hvisor's set-up). The first n, so that the root's
 * Linux numbers them as the board does and `lvisor zone start` can tell
 * which of its CPUs a zone's config names.
 */
static void set_root_cpus(const char *list)
{
    u64 mask = 0;
    const char *p = list;
    while (*p >= '0' && *p <= '9') {
        const char *end;
        u64 first = strtou64(p, &end), last = first;
        if (*end == '-')
            last = strtou64(end + 1, &end);
        for (u64 c = first; c <= last && c < CONFIG_MAX_CPUS; c++)
            mask |= BIT(c);
        p = *end == ',' ? end + 1 : end;
    }
    if (!(mask & 1) || (mask & (mask + 1))) {
        pr_warn("root_cpus=%s: not CPUs 0..n-1; the root zone keeps every CPU\n", list);
        return;
    }
    qemu_virt_root_zone.cpus = mask;
    pr_info("root zone CPUs: %lx; the others wait for non-root zones\n", mask);
}

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
    if (strstr(hv_cmdline, "log=errors"))
        log_to_console_after_boot = false;
    p = strstr(hv_cmdline, "root_cpus=");
    if (p)
        set_root_cpus(p + strlen("root_cpus="));
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
