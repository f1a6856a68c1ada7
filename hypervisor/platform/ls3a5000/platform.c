/* The Loongson 3A5000 board as core sees it (struct platform). */
#include "board.h"
#include "boot/efi/handoff.h"
#include "core/arch.h"
#include "core/cpu.h"
#include "core/platform.h"
#include <arch/mm.h>
#include "lib/printf.h"
#include "lib/string.h"

static char root_cmdline[512];

/* hvisor's non-root windows on this board (mapped in the root for loading, reserved in its tree).
 */
static const struct phys_range zone_ram[] = {
    {0xa0000000, 0x50000000},
    {0x100000000, 0x48000000},
};

/* What the firmware keeps inside the root's RAM (size 0: unused): reserved nodes of its tree. */
static struct phys_range root_reserved[4];

static bool keep_for_firmware(u64 b, u64 e)
{
    for (u32 i = 0; i < ARRAY_SIZE(root_reserved); i++)
        if (!root_reserved[i].size) {
            pr_info("firmware keeps %lx-%lx inside the root zone's RAM: reserved in its tree\n", b,
                    e);
            root_reserved[i] = (struct phys_range){b, e - b};
            return true;
        }
    pr_err("firmware keeps more than %lu ranges inside the root zone's RAM: not supported\n",
           ARRAY_SIZE(root_reserved));
    return false;
}
/*
 * Only one boot protocol on a board: lvisor.efi's handoff (boot/efi/handoff.h).
 * The memory map is board.h's; the firmware's map is checked against it: a
 * range the firmware keeps inside the root zone's RAM stops the boot.
 */
static void read_boot_args(u64 a0, u64 a1, u64 a2)
{
    (void)a2;
    if (a0 != LVISOR_EFI_MAGIC) {
        pr_warn("not started by lvisor.efi: no initrd, no firmware memory map checked\n");
        return;
    }
    const struct lvisor_efi_handoff *h = phys_to_virt(a1);
    if (h->magic != LVISOR_EFI_MAGIC || h->version != LVISOR_EFI_VERSION || h->size != sizeof(*h) ||
        h->hv_base != BOARD_HV_BASE || h->hv_size != BOARD_HV_SIZE ||
        h->kernel != BOARD_KERNEL_STAGING ||
        (h->initrd_size && h->initrd != BOARD_INITRD_STAGING)) {
        pr_err("UEFI boot: the handoff at %lx is not for this lvisor's layout\n", a1);
        arch_cpu_halt();
    }
    pr_info("UEFI boot: kernel %lx+%lx, initrd %lx+%lx, command line \"%s\"\n", h->kernel,
            h->kernel_size, h->initrd, h->initrd_size, h->cmdline);
    ls3a5000_root_zone.initrd_size = h->initrd_size;
    if (strstr(h->cmdline, "log=errors"))
        log_to_console_after_boot = false;
    if (h->root_cmdline[0]) {
        memcpy(root_cmdline, h->root_cmdline, sizeof(root_cmdline) - 1);
        ls3a5000_root_zone.cmdline = root_cmdline;
    }
    const struct zone_config *rc = &ls3a5000_root_zone;
    for (u64 off = 0; h->memmap_desc_size >= sizeof(struct efi_memory_descriptor) &&
                      off + h->memmap_desc_size <= h->memmap_size;
         off += h->memmap_desc_size) {
        const struct efi_memory_descriptor *d = phys_to_virt(h->memmap + off);
        u64 b = d->phys, e = d->phys + d->pages * KiB(4);
        if (!efi_memory_kept(d->type) || (b >= BOARD_HV_BASE && e <= BOARD_HV_BASE + BOARD_HV_SIZE))
            continue;
        pr_info("firmware keeps %lx-%lx (%s)\n", b, e, efi_memory_type_name(d->type));
        for (u32 i = 0; i < ARRAY_SIZE(zone_ram); i++)
            if (b < zone_ram[i].base + zone_ram[i].size && e > zone_ram[i].base) {
                pr_err("firmware keeps %lx-%lx (type %u) inside the RAM for zones %lx-%lx: "
                       "board.h's map does not fit this firmware\n",
                       b, e, d->type, zone_ram[i].base, zone_ram[i].base + zone_ram[i].size);
                arch_cpu_halt();
            }
        for (u32 i = 0; i < rc->nr_mem; i++) {
            const struct mem_region *r = &rc->mem[i];
            if (r->type == MEM_RAM && b < r->hpa + r->size && e > r->hpa &&
                !keep_for_firmware(b > r->hpa ? b : r->hpa,
                                   e < r->hpa + r->size ? e : r->hpa + r->size))
                arch_cpu_halt();
        }
    }
}

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
    .root_reserved = root_reserved,
    .nr_root_reserved = ARRAY_SIZE(root_reserved),
    .zone_ram = zone_ram,
    .nr_zone_ram = ARRAY_SIZE(zone_ram),
    .zone_io = zone_io,
    .nr_zone_io = ARRAY_SIZE(zone_io),
};
