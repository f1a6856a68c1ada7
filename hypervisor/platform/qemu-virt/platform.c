/*
 * The QEMU virt board as core sees it (struct platform), and its two boot
 * protocols: QEMU's -kernel (a1 = lvisor's command line) and lvisor.efi
 * (a0 = LVISOR_EFI_MAGIC, a1 = its handoff block, boot/efi/handoff.h).
 */
#include "board.h"
#include "boot/efi/handoff.h"
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

/* lvisor's own command line: initrd_size= (-kernel boot), log=errors, root_cpus= */
static void parse_cmdline(const char *src)
{
    size_t n = strnlen(src, sizeof(hv_cmdline) - 1);
    memcpy(hv_cmdline, src, n);
    hv_cmdline[n] = 0;
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

static char root_cmdline[512];

/*
 * Started by lvisor.efi: the firmware's device tree, the staged images and
 * what the firmware keeps of the memory map are copied out of the handoff
 * block (loader memory, which becomes the root zone's) before anything is
 * loaded.
 */
static bool read_efi_handoff(u64 pa)
{
    const struct lvisor_efi_handoff *h = phys_to_virt(pa);
    if (h->magic != LVISOR_EFI_MAGIC || h->version != LVISOR_EFI_VERSION || h->size != sizeof(*h)) {
        pr_err("UEFI boot: no valid handoff block at %lx\n", pa);
        return false;
    }
    pr_info("UEFI boot: handoff at %lx, device tree %lx (%lu bytes), kernel %lx+%lx, initrd "
            "%lx+%lx, memory map %lx (%lu bytes)\n",
            pa, h->fdt, h->fdt_size, h->kernel, h->kernel_size, h->initrd, h->initrd_size,
            h->memmap, h->memmap_size);
    if (h->hv_base != BOARD_HV_BASE || h->hv_size != BOARD_HV_SIZE ||
        h->kernel != BOARD_KERNEL_STAGING ||
        (h->initrd_size && h->initrd != BOARD_INITRD_STAGING)) {
        pr_err("UEFI boot: lvisor.efi was built for another layout than this lvisor\n");
        return false;
    }
    if (!h->fdt) {
        pr_err("UEFI boot: the firmware gave no device tree\n");
        return false;
    }
    board_fdt_pa = h->fdt;
    board_fdt_max = h->fdt_size;
    board_set_efi_memmap(phys_to_virt(h->memmap), h->memmap_size, h->memmap_desc_size);
    parse_cmdline(h->cmdline);
    qemu_virt_root_zone.initrd_size = h->initrd_size;
    if (h->root_cmdline[0]) {
        memcpy(root_cmdline, h->root_cmdline, sizeof(root_cmdline) - 1);
        qemu_virt_root_zone.cmdline = root_cmdline;
    }
    return true;
}

static void read_boot_args(u64 a0, u64 a1, u64 a2)
{
    (void)a2;
    if (a0 == LVISOR_EFI_MAGIC) {
        if (!read_efi_handoff(a1))
            arch_cpu_halt();
        return;
    }
    /* QEMU's direct boot: a1 points at lvisor's command line (-append), e.g. "initrd_size=1234". */
    if (a1 >= BOARD_HV_BASE)
        return;
    parse_cmdline(phys_to_virt(a1));
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
    .root_reserved = board_root_reserved,
    .nr_root_reserved = ARRAY_SIZE(board_root_reserved),
    .zone_trapped = zone_uarts,
    .nr_zone_trapped = ARRAY_SIZE(zone_uarts),
};
