/*
 * Loading a Linux zone: the kernel ELF into its RAM, its device tree (CPU
 * and memory nodes edited to what the zone owns) and the EFI boot data that
 * points Linux at the tree and the initrd (linux-boot.md).
 */
#include "core/zone.h"
#include "core/elf_loader.h"
#include "core/efi_boot.h"
#include "core/fdt.h"
#include "core/platform.h"
#include <arch/mm.h>
#include "lib/printf.h"
#include "lib/string.h"

static void *zone_map_cb(void *ctx, u64 gpa, u64 size) { return zone_ram_ptr(ctx, gpa, size); }

bool zone_load_linux(struct zone *z)
{
    const struct zone_config *c = z->cfg;
    u64 initrd_size = c->initrd_size;
    struct elf_info info;
    const void *image = phys_to_virt(c->kernel_image);
    enum elf_error e = elf_load(image, c->kernel_image_max, zone_map_cb, z, &info);
    if (e != ELF_OK) {
        pr_err("zone %u: kernel at %lx: %s\n", z->id, c->kernel_image, elf_error_str(e));
        return false;
    }
    pr_info("zone %u: kernel %lx-%lx, entry %lx\n", z->id, info.low, info.high, info.entry);

    u64 dtb_size = (u64)c->dtb_end - (u64)c->dtb;
    void *fdt = zone_ram_ptr(z, c->fdt_gpa, dtb_size);
    if (!fdt) {
        pr_err("zone %u: device tree does not fit at %lx\n", z->id, c->fdt_gpa);
        return false;
    }
    memcpy(fdt, c->dtb, dtb_size);
    /* vCPU i of the zone is its i-th CPU; CPUs the board lacks are switched off. */
    u64 present = (1UL << z->nr_vcpus) - 1;
    int off = fdt_disable_absent_cpus(fdt, dtb_size, present);
    if (off < 0) {
        pr_err("zone %u: embedded device tree is corrupt\n", z->id);
        return false;
    }
    /* The tree's memory nodes say exactly what the zone owns. */
    for (u32 i = 0; i < c->nr_mem; i++) {
        const struct mem_region *r = &c->mem[i];
        if (r->type == MEM_RAM && fdt_set_memory_size(fdt, dtb_size, r->gpa, r->size) != 1) {
            pr_err("zone %u: device tree has no memory node at %lx\n", z->id, r->gpa);
            return false;
        }
    }

    /* The root's tree reserves what the platform sets aside for zones, and no more. */
    for (u32 i = 0; z->id == 0 && i < platform.nr_zone_ram; i++)
        if (fdt_set_reserved_size(fdt, dtb_size, platform.zone_ram[i].base,
                                  platform.zone_ram[i].size) < 0)
            return false;

    /* ... and what its firmware keeps inside its RAM, as the firmware described it. */
    for (u32 i = 0; z->id == 0 && i < platform.nr_root_reserved; i++) {
        const struct phys_range *k = &platform.root_reserved[i];
        char node[16] = "firmware-0";
        node[9] = (char)('0' + i);
        if (k->size && fdt_set_reserved_node(fdt, dtb_size, node, k->base, k->size) != 1) {
            pr_err("zone 0: device tree has no reserved-memory node %s for %lx+%lx\n", node,
                   k->base, k->size);
            return false;
        }
    }

    if (initrd_size > c->initrd_max ||
        (initrd_size && !zone_ram_ptr(z, c->initrd_image, initrd_size))) {
        pr_warn("zone %u: initrd size %lx invalid, booting without it\n", z->id, initrd_size);
        initrd_size = 0;
    }
    struct efi_boot_args args = {
        .cmdline = c->cmdline,
        .fdt_gpa = c->fdt_gpa,
        .initrd_gpa = c->initrd_image,
        .initrd_size = initrd_size,
    };
    struct efi_boot_addrs addrs;
    void *area = zone_ram_ptr(z, c->boot_data_gpa, EFI_BOOT_AREA_SIZE);
    if (!area)
        return false;
    efi_boot_build(area, c->boot_data_gpa, &args, &addrs);
    z->entry = info.entry;
    z->boot_a1 = addrs.cmdline_gpa;
    z->boot_a2 = addrs.systab_gpa;
    pr_info("zone %u: fdt %lx (%lu bytes), systab %lx, initrd %lx+%lx, cmdline \"%s\"\n", z->id,
            c->fdt_gpa, dtb_size, addrs.systab_gpa, initrd_size ? c->initrd_image : 0, initrd_size,
            c->cmdline);
    return true;
}
