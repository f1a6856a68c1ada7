/*
 * Checks of a zone the root asks for (portable; unit-tested on the host).
 * Every byte comes from the root: a count is bounded before it indexes
 * anything, a region's end is known not to wrap before it is compared, and
 * *out is written only once every check has passed.
 */
#include "core/zone_request.h"
#include "core/elf_loader.h"
#include "lib/printf.h"
#include "lib/string.h"

#define PAGE KiB(4)

/* Every field read below lies in the part both layouts share. */
_Static_assert(LVISOR_ZC_OFFSET(alloc_pci_devs) <= LVISOR_ZONE_CONFIG_SIZE_LEGACY, "shared part");

/* An inclusive span [first, last]: its end never wraps, even at the top of memory. */
struct span {
    u64 first, last;
};

static struct span span_of(u64 base, u64 size) { return (struct span){base, base + size - 1}; }

static bool spans_overlap(struct span a, struct span b)
{
    return a.first <= b.last && b.first <= a.last;
}

static bool span_inside(struct span a, struct span b)
{
    return a.first >= b.first && a.last <= b.last;
}

/* size > 0 and base + size fits in 64 bits: the region is a span. */
static bool fits(u64 base, u64 size) { return size && size <= ~base; }

static bool inside_one(struct span s, const struct phys_range *ranges, u32 n)
{
    for (u32 i = 0; i < n; i++)
        if (fits(ranges[i].base, ranges[i].size) &&
            span_inside(s, span_of(ranges[i].base, ranges[i].size)))
            return true;
    return false;
}

static __attribute__((format(printf, 4, 5))) int
refuse(struct zone_reject *rej, enum zone_rule rule, int err, const char *fmt, ...)
{
    if (rej) {
        va_list ap;
        rej->rule = rule;
        va_start(ap, fmt);
        vsnprintf(rej->why, sizeof(rej->why), fmt, ap);
        va_end(ap);
    }
    return -err;
}

static const char *const type_name[] = {"RAM", "IO", "VIRTIO"};

static bool has_hpa(const struct lvisor_mem_region *r) { return r->type != LVISOR_MEM_VIRTIO; }

static struct span hpa_span(const struct lvisor_mem_region *r)
{
    return span_of(r->physical_start, r->size);
}

/* A device smaller than a page, next to others': trapped, so any alignment will do. */
static bool is_trapped(const struct lvisor_mem_region *r, const struct zone_request_rules *rules)
{
    return r->type == LVISOR_MEM_IO && fits(r->physical_start, r->size) &&
           inside_one(hpa_span(r), rules->trapped, rules->nr_trapped);
}

/*
 * The zone addresses a region takes. A VIRTIO window and a trapped device
 * take their whole 4 KiB pages: they stay unmapped so that every access traps.
 */
static struct span gpa_span(const struct lvisor_mem_region *r)
{
    struct span s = span_of(r->virtual_start, r->size);
    s.first = ALIGN_DOWN(s.first, PAGE);
    s.last |= PAGE - 1;
    return s;
}

/* Who holds the zone id and the CPUs, and whether the name can be logged. */
static int check_identity(const struct lvisor_zone_config *zc,
                          const struct zone_request_rules *rules, struct zone_reject *rej)
{
    u32 id = zc->zone_id;
    if (id == 0 || id > rules->max_zone_id || id > 63)
        return refuse(rej, ZR_ID, HV_EINVAL, "zone_id %u: not 1..%u", id, rules->max_zone_id);
    if (rules->ids_in_use & BIT(id))
        return refuse(rej, ZR_ID_IN_USE, HV_EEXIST, "zone_id %u: in use", id);
    if (!zc->cpus)
        return refuse(rej, ZR_NO_CPUS, HV_EINVAL, "cpus: none");
    if (zc->cpus & ~rules->cpus_present)
        return refuse(rej, ZR_CPU_ABSENT, HV_EINVAL, "cpus 0x%lx: 0x%lx not present", zc->cpus,
                      zc->cpus & ~rules->cpus_present);
    if (zc->cpus & ~rules->cpus_free)
        return refuse(rej, ZR_CPU_BUSY, HV_EBUSY, "cpus 0x%lx: 0x%lx in use", zc->cpus,
                      zc->cpus & ~rules->cpus_free);
    u32 len = 0;
    for (; len < LVISOR_ZONE_NAME_LEN && zc->name[len]; len++) {
        u8 c = (u8)zc->name[len];
        if (c < 0x20 || c > 0x7e)
            return refuse(rej, ZR_NAME, HV_EINVAL, "name: byte %u is 0x%x, not printable", len, c);
    }
    if (!len)
        return refuse(rej, ZR_NAME, HV_EINVAL, "name: empty");
    /* hvisor takes 32 bytes without a NUL; a C string there is what every reader expects */
    if (len == LVISOR_ZONE_NAME_LEN)
        return refuse(rej, ZR_NAME, HV_EINVAL, "name: no NUL in its %u bytes (at most %u fit)",
                      LVISOR_ZONE_NAME_LEN, LVISOR_ZONE_NAME_LEN - 1);
    return 0;
}

/* Counts lvisor ignores on LoongArch must still be in range: a bad one means a bad struct. */
static int check_counts(const struct lvisor_zone_config *zc, struct zone_reject *rej)
{
    if (zc->num_ivc_configs > LVISOR_MAX_IVC_CONFIGS || zc->num_pci_bus > LVISOR_MAX_PCI_BUS ||
        zc->num_pci_devs > LVISOR_MAX_PCI_DEVS)
        return refuse(rej, ZR_COUNTS, HV_EINVAL,
                      "num_ivc_configs %u, num_pci_bus %lu, num_pci_devs %lu: above %u, %u, %u",
                      zc->num_ivc_configs, zc->num_pci_bus, zc->num_pci_devs,
                      LVISOR_MAX_IVC_CONFIGS, LVISOR_MAX_PCI_BUS, LVISOR_MAX_PCI_DEVS);
    if (!zc->num_memory_regions || zc->num_memory_regions > LVISOR_MAX_MEM_REGIONS)
        return refuse(rej, ZR_NR_REGIONS, HV_EINVAL, "num_memory_regions %u: not 1..%u",
                      zc->num_memory_regions, LVISOR_MAX_MEM_REGIONS);
    return 0;
}

/* Host memory: never lvisor's; RAM only set aside for zones and free, IO only allowed devices. */
static int check_host_memory(const struct lvisor_mem_region *r, u32 i,
                             const struct zone_request_rules *rules, struct zone_reject *rej)
{
    struct span h = hpa_span(r);
    const char *t = type_name[r->type];
    if (fits(rules->hv.base, rules->hv.size) &&
        spans_overlap(h, span_of(rules->hv.base, rules->hv.size)))
        return refuse(rej, ZR_HITS_HV, HV_EPERM,
                      "memory_regions[%u]: %s 0x%lx+0x%lx in lvisor's memory", i, t,
                      r->physical_start, r->size);
    if (r->type == LVISOR_MEM_IO) {
        if (!inside_one(h, rules->io, rules->nr_io) && !is_trapped(r, rules))
            return refuse(rej, ZR_IO_NOT_ALLOWED, HV_EPERM,
                          "memory_regions[%u]: IO 0x%lx+0x%lx not a device zones may have", i,
                          r->physical_start, r->size);
        return 0;
    }
    if (!inside_one(h, rules->zone_ram, rules->nr_zone_ram))
        return refuse(rej, ZR_RAM_NOT_SET_ASIDE, HV_EPERM,
                      "memory_regions[%u]: RAM 0x%lx+0x%lx outside the memory set aside for zones",
                      i, r->physical_start, r->size);
    for (u32 z = 0; z < rules->nr_running; z++) {
        const struct zone_config *o = rules->running[z];
        for (u32 k = 0; k < o->nr_mem; k++) {
            const struct mem_region *m = &o->mem[k];
            if (m->type == MEM_RAM && fits(m->hpa, m->size) &&
                spans_overlap(h, span_of(m->hpa, m->size)))
                return refuse(rej, ZR_RAM_IN_USE, HV_EBUSY,
                              "memory_regions[%u]: RAM 0x%lx+0x%lx overlaps zone %u's RAM", i,
                              r->physical_start, r->size, o->id);
        }
    }
    return 0;
}

/* One region on its own: its type, size, alignment and where it may lie. */
static int check_region(const struct lvisor_zone_config *zc, u32 i,
                        const struct zone_request_rules *rules, struct zone_reject *rej)
{
    const struct lvisor_mem_region *r = &zc->memory_regions[i];
    if (r->type > LVISOR_MEM_VIRTIO)
        return refuse(rej, ZR_REGION_TYPE, HV_EINVAL, "memory_regions[%u]: type %u unknown", i,
                      r->type);
    const char *t = type_name[r->type];
    bool host = has_hpa(r);
    if (!r->size)
        return refuse(rej, ZR_REGION_EMPTY, HV_EINVAL, "memory_regions[%u]: %s of size 0", i, t);
    /* 4 KiB is stage 2's page; the root kernel's 16 KiB matters only to its own mmap */
    if (host && !is_trapped(r, rules) &&
        !IS_ALIGNED(r->physical_start | r->virtual_start | r->size, PAGE))
        return refuse(rej, ZR_REGION_UNALIGNED, HV_EINVAL,
                      "memory_regions[%u]: %s 0x%lx at 0x%lx+0x%lx not 4 KiB-aligned", i, t,
                      r->physical_start, r->virtual_start, r->size);
    if (!fits(r->virtual_start, r->size) || (host && !fits(r->physical_start, r->size)))
        return refuse(rej, ZR_REGION_WRAPS, HV_EINVAL,
                      "memory_regions[%u]: %s 0x%lx at 0x%lx+0x%lx wraps around", i, t,
                      r->physical_start, r->virtual_start, r->size);
    if (gpa_span(r).last >= rules->gpa_limit)
        return refuse(rej, ZR_GPA_LIMIT, HV_EINVAL,
                      "memory_regions[%u]: %s at 0x%lx+0x%lx beyond the zone's reach 0x%lx", i, t,
                      r->virtual_start, r->size, rules->gpa_limit);
    return host ? check_host_memory(r, i, rules, rej) : 0;
}

/* Regions against each other: no zone page twice, no host memory twice. */
static int check_pairs(const struct lvisor_zone_config *zc, struct zone_reject *rej)
{
    const struct lvisor_mem_region *r = zc->memory_regions;
    for (u32 i = 1; i < zc->num_memory_regions; i++) {
        for (u32 j = 0; j < i; j++) {
            if (spans_overlap(gpa_span(&r[i]), gpa_span(&r[j])))
                return refuse(rej, ZR_GPA_OVERLAP, HV_EINVAL,
                              "memory_regions[%u] and [%u]: zone pages of 0x%lx+0x%lx and "
                              "0x%lx+0x%lx overlap",
                              j, i, r[j].virtual_start, r[j].size, r[i].virtual_start, r[i].size);
            if (has_hpa(&r[i]) && has_hpa(&r[j]) && spans_overlap(hpa_span(&r[i]), hpa_span(&r[j])))
                return refuse(rej, ZR_HPA_OVERLAP, HV_EINVAL,
                              "memory_regions[%u] and [%u]: host memory 0x%lx+0x%lx and "
                              "0x%lx+0x%lx overlaps",
                              j, i, r[j].physical_start, r[j].size, r[i].physical_start, r[i].size);
        }
    }
    return 0;
}

/* The RAM region holding [addr, addr+size): by zone address, or by host address. */
static const struct lvisor_mem_region *ram_holding(const struct lvisor_zone_config *zc, u64 addr,
                                                   u64 size, bool by_hpa)
{
    if (!fits(addr, size))
        return NULL;
    for (u32 i = 0; i < zc->num_memory_regions; i++) {
        const struct lvisor_mem_region *r = &zc->memory_regions[i];
        u64 base = by_hpa ? r->physical_start : r->virtual_start;
        if (r->type == LVISOR_MEM_RAM && span_inside(span_of(addr, size), span_of(base, r->size)))
            return r;
    }
    return NULL;
}

static struct zone_image image_at(const struct lvisor_zone_config *zc, u64 hpa, u64 size)
{
    const struct lvisor_mem_region *r = size ? ram_holding(zc, hpa, size, true) : NULL;
    if (!r)
        return (struct zone_image){0, 0};
    return (struct zone_image){r->virtual_start + (hpa - r->physical_start), size};
}

/* The root loaded the images and names the entry: all must be the zone's own RAM. */
static int check_boot(const struct lvisor_zone_config *zc, struct zone_reject *rej)
{
    u64 entry = zc->entry_point & ELF_PHYS_MASK;
    if (!IS_ALIGNED(entry, 4) || !ram_holding(zc, entry, 4, false))
        return refuse(rej, ZR_ENTRY, HV_EINVAL,
                      "entry_point 0x%lx: not an instruction in the zone's RAM", zc->entry_point);
    if (zc->kernel_size && !ram_holding(zc, zc->kernel_load_paddr, zc->kernel_size, true))
        return refuse(rej, ZR_KERNEL, HV_EINVAL,
                      "kernel 0x%lx+0x%lx: not inside one of the zone's RAM regions",
                      zc->kernel_load_paddr, zc->kernel_size);
    if (zc->dtb_size && !ram_holding(zc, zc->dtb_load_paddr, zc->dtb_size, true))
        return refuse(rej, ZR_DTB, HV_EINVAL,
                      "dtb 0x%lx+0x%lx: not inside one of the zone's RAM regions",
                      zc->dtb_load_paddr, zc->dtb_size);
    return 0;
}

/* Room for the EFI boot data of a zone with a device tree: zone RAM clear of both images. */
static bool boot_area_fits(const struct lvisor_zone_config *zc, struct zone_image k,
                           struct zone_image d)
{
    struct span area = span_of(ZONE_BOOT_AREA_GPA, ZONE_BOOT_AREA_SIZE);
    return d.size && ram_holding(zc, area.first, ZONE_BOOT_AREA_SIZE, false) &&
           !(k.size && spans_overlap(area, span_of(k.gpa, k.size))) &&
           !spans_overlap(area, span_of(d.gpa, d.size));
}

static const enum mem_type mem_type_of[] = {MEM_RAM, MEM_IO, MEM_VIRTIO};

static void fill(const struct lvisor_zone_config *zc, u64 size,
                 const struct zone_request_rules *rules, struct zone_request *out)
{
    memset(out, 0, sizeof(*out));
    for (u32 i = 0; i < zc->num_memory_regions; i++) {
        const struct lvisor_mem_region *r = &zc->memory_regions[i];
        out->mem[i] = (struct mem_region){
            .hpa = r->physical_start, /* a virtio window's: only the address the daemon sees */
            .gpa = r->virtual_start,
            .size = r->size,
            .type = is_trapped(r, rules) ? MEM_TRAPPED : mem_type_of[r->type],
        };
    }
    for (u32 i = 0; i < LVISOR_ZONE_NAME_LEN && zc->name[i]; i++)
        out->name[i] = zc->name[i];
    out->entry = zc->entry_point & ELF_PHYS_MASK;
    out->kernel = image_at(zc, zc->kernel_load_paddr, zc->kernel_size);
    out->dtb = image_at(zc, zc->dtb_load_paddr, zc->dtb_size);
    out->efi_boot = boot_area_fits(zc, out->kernel, out->dtb);
    out->legacy_layout = size == LVISOR_ZONE_CONFIG_SIZE_LEGACY;
    out->cfg.id = zc->zone_id;
    out->cfg.name = out->name;
    out->cfg.cpus = zc->cpus;
    out->cfg.nr_mem = zc->num_memory_regions;
    out->cfg.mem = out->mem;
}

int zone_request_check(const void *buf, u64 size, const struct zone_request_rules *rules,
                       struct zone_request *out, struct zone_reject *rej)
{
    if (!buf || !IS_ALIGNED((uintptr_t)buf, 8))
        return refuse(rej, ZR_BUFFER, HV_EFAULT, "config at %p: not an aligned buffer", buf);
    if (size != LVISOR_ZONE_CONFIG_SIZE && size != LVISOR_ZONE_CONFIG_SIZE_LEGACY)
        return refuse(rej, ZR_SIZE, HV_EINVAL, "size %lu: not %u (or %u, the older layout)", size,
                      LVISOR_ZONE_CONFIG_SIZE, LVISOR_ZONE_CONFIG_SIZE_LEGACY);
    const struct lvisor_zone_config *zc = buf;
    int err = check_identity(zc, rules, rej);
    if (!err)
        err = check_counts(zc, rej);
    for (u32 i = 0; !err && i < zc->num_memory_regions; i++)
        err = check_region(zc, i, rules, rej);
    if (!err)
        err = check_pairs(zc, rej);
    if (!err)
        err = check_boot(zc, rej);
    if (err)
        return err;
    fill(zc, size, rules, out);
    if (rej)
        *rej = (struct zone_reject){.rule = ZR_OK, .why = "ok"};
    return 0;
}
