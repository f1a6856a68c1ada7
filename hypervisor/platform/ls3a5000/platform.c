/* The Loongson 3A5000 board as core sees it (struct platform). */
#include "board.h"
#include "core/arch.h"
#include "core/cpu.h"
#include "core/platform.h"
#include "lib/printf.h"

/* The UEFI loader will pass what the firmware found; until then the map is board.h's. */
static void read_boot_args(u64 a0, u64 a1, u64 a2) { (void)a0, (void)a1, (void)a2; }

static bool discover_ram(void)
{
    pr_info("ls3a5000: fixed memory map (platform/ls3a5000/board.h)\n");
    return true;
}

static u64 present_cpus(void) { return BIT(CONFIG_MAX_CPUS) - 1; }

/* The firmware parks secondaries in the same mailbox loop: one mail each, then wait 1 s. */
static void start_secondaries(u64 wanted, u64 entry)
{
    for (u32 cpu = 1; cpu < CONFIG_MAX_CPUS; cpu++)
        if (wanted & BIT(cpu))
            arch_cpu_start(cpu, entry);
    u64 give_up = arch_timer_now() + arch_timer_freq();
    while ((wanted & ~cpus_online) && arch_timer_now() < give_up)
        ;
}

/* hvisor's non-root windows on this board (mapped in the root for loading, reserved in its tree).
 */
static const struct phys_range zone_ram[] = {
    {0xa0000000, 0x50000000},
    {0x100000000, 0x48000000},
};

/* Devices a zone may own outright: UART1 (the board's second console), the RTC. */
static const struct phys_range zone_io[] = {
    {0x10080000, 0x1000},
    {0x100d0000, 0x1000},
};

const struct platform platform = {
    .name = "ls3a5000",
    .hv = {BOARD_HV_BASE, BOARD_HV_SIZE},
    .nr_cpus = CONFIG_MAX_CPUS,
    .console = {CONSOLE_NS16550, BOARD_UART0_BASE},
    .read_boot_args = read_boot_args,
    .discover_ram = discover_ram,
    .present_cpus = present_cpus,
    .start_secondaries = start_secondaries,
    .root_zone = &ls3a5000_root_zone,
    .zone_ram = zone_ram,
    .nr_zone_ram = ARRAY_SIZE(zone_ram),
    .zone_io = zone_io,
    .nr_zone_io = ARRAY_SIZE(zone_io),
};
