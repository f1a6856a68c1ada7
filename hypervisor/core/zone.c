/* Zone creation from a static config: stage-2 tables, CPUs, guest images. */
#include "core/zone.h"
#include "core/vcpu.h"
#include "core/frame.h"
#include "core/elf_loader.h"
#include "core/efi_boot.h"
#include "core/fdt.h"
#include "arch/loongarch64/mm.h"
#include "lib/printf.h"
#include "lib/string.h"

struct zone *zones[4];
static struct zone zone_storage[4];

static void *alloc_table(void *ctx)
{
    return frame_alloc(ctx);
}

struct zone *zone_find(u32 id)
{
    for (u32 i = 0; i < ARRAY_SIZE(zones); i++)
        if (zones[i] && zones[i]->id == id)
            return zones[i];
    return NULL;
}

struct vcpu *zone_vcpu(struct zone *z, u32 id)
{
    return id < z->nr_vcpus ? z->vcpu[id] : NULL;
}

void *zone_ram_ptr(struct zone *z, u64 gpa, u64 size)
{
    paddr_t hpa;
    if (!zone_config_ram_range(z->cfg, gpa, size, &hpa))
        return NULL;
    return phys_to_virt(hpa);
}

struct zone *zone_create(const struct zone_config *cfg, u64 present_cpus)
{
    if (cfg->id >= ARRAY_SIZE(zones) || zones[cfg->id]) {
        pr_err("zone %u: id in use or out of range\n", cfg->id);
        return NULL;
    }
    struct zone *z = &zone_storage[cfg->id];
    memset(z, 0, sizeof(*z));
    z->id = cfg->id;
    z->gid = cfg->id + 1;
    z->cfg = cfg;
    z->cpus = cfg->cpus & present_cpus;
    if (!stage2_init(&z->s2, alloc_table, &hv_frames)) {
        pr_err("zone %u: no memory for stage-2 tables\n", cfg->id);
        return NULL;
    }
    for (u32 i = 0; i < cfg->nr_mem; i++) {
        const struct mem_region *r = &cfg->mem[i];
        u64 flags = r->type == MEM_RAM ? S2_RWX : (S2_READ | S2_WRITE | S2_DEVICE);
        if (!stage2_map(&z->s2, r->gpa, r->hpa, r->size, flags)) {
            pr_err("zone %u: cannot map %lx+%lx\n", cfg->id, r->gpa, r->size);
            return NULL;
        }
    }
    for (u32 cpu = 0; cpu < MAX_CPUS; cpu++) {
        if (!(z->cpus & (1UL << cpu)))
            continue;
        struct vcpu *v = vcpu_of_cpu(cpu);
        v->zone = z;
        v->id = z->nr_vcpus;
        v->state = VCPU_PARKED;
        z->vcpu[z->nr_vcpus++] = v;
    }
    zones[cfg->id] = z;
    pr_info("zone %u (%s): %u CPUs, %u regions, GID %u, stage-2 uses %u frames\n", z->id,
            cfg->name, z->nr_vcpus, cfg->nr_mem, z->gid, hv_frames.used);
    return z;
}

static void *zone_map_cb(void *ctx, u64 gpa, u64 size)
{
    return zone_ram_ptr(ctx, gpa, size);
}

bool zone_load_linux(struct zone *z, u64 initrd_size)
{
    const struct zone_config *c = z->cfg;
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

    if (initrd_size > c->initrd_max || (initrd_size && !zone_ram_ptr(z, c->initrd_image, initrd_size))) {
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
