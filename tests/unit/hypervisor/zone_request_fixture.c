/* The rules and the good request both zone_request tests start from. */
#include <stdlib.h>
#include <string.h>

#include "zone_request_fixture.h"

/* High RAM above the root's: two windows set aside for zones. */
const struct phys_range fx_zone_ram[2] = {
    {0xc0000000, 0x40000000},
    {0x140000000, 0x10000000},
};

/* Devices zones may have: the UART page, PCH-PIC, the RTC. */
const struct phys_range fx_io[3] = {
    {0x1fe00000, 0x1000},
    {0x10000000, 0x1000},
    {0x100d0000, 0x1000},
};

static const struct mem_region zone2_mem[] = {
    {.hpa = FX_ZONE2_RAM, .gpa = 0, .size = FX_ZONE2_RAM_SIZE, .type = MEM_RAM},
    {.hpa = 0x1fe00000, .gpa = 0x1fe00000, .size = 0x1000, .type = MEM_IO},
};
static const struct zone_config zone2 = {
    .id = 2, .name = "linux2", .cpus = 1UL << 2, .nr_mem = 2, .mem = zone2_mem};
static const struct zone_config *const running[] = {&zone2};

const struct zone_request_rules fx_rules = {
    .hv = {FX_HV_BASE, FX_HV_SIZE},
    .zone_ram = fx_zone_ram,
    .nr_zone_ram = 2,
    .io = fx_io,
    .nr_io = 3,
    .gpa_limit = 1UL << 48,
    .max_zone_id = 3,                      /* a zone table of 4 */
    .ids_in_use = (1UL << 0) | (1UL << 2), /* the root and zone 2 */
    .cpus_present = 0xf,
    .cpus_free = (1UL << 1) | (1UL << 3), /* CPU 0 is the root's, CPU 2 zone 2's */
    .running = running,
    .nr_running = 1,
};

static struct lvisor_mem_region region(u32 type, u64 hpa, u64 gpa, u64 size)
{
    return (struct lvisor_mem_region){
        .type = type, .physical_start = hpa, .virtual_start = gpa, .size = size};
}

struct lvisor_zone_config fx_good(void)
{
    struct lvisor_zone_config c;
    memset(&c, 0, sizeof(c));
    c.zone_id = 1;
    c.cpus = 1UL << 1;
    c.num_memory_regions = FX_GOOD_REGIONS;
    c.memory_regions[0] = region(LVISOR_MEM_RAM, 0xc0000000, 0xc0000000, 0x10000000);
    c.memory_regions[1] = region(LVISOR_MEM_RAM, 0xd0000000, 0xd0000000, 0x10000000);
    c.memory_regions[2] = region(LVISOR_MEM_IO, 0x1fe00000, 0x1fe00000, 0x1000);
    c.memory_regions[3] = region(LVISOR_MEM_IO, 0x10000000, 0x10000000, 0x1000);
    c.memory_regions[4] = region(LVISOR_MEM_IO, 0x100d0000, 0x100d0000, 0x1000);
    c.memory_regions[5] = region(LVISOR_MEM_VIRTIO, 0x30001000, 0x30001000, 0x200);
    c.memory_regions[6] = region(LVISOR_MEM_VIRTIO, 0x30002000, 0x30002000, 0x200);
    c.memory_regions[7] = region(LVISOR_MEM_RAM, 0xe0000000, 0x0, 0x100000);
    c.interrupts_bitmap[0] = (1u << 4) | (1u << 5);
    c.entry_point = 0x90000000c0dff000UL; /* kernel_load_paddr + its kernel_entry offset */
    c.kernel_load_paddr = 0xc0200000;
    c.kernel_size = 0x01000000;
    c.dtb_load_paddr = 0xc0000000;
    c.dtb_size = 0x10000;
    memcpy(c.name, "linux1", 6);
    c.num_pci_bus = 1;
    c.pci_config[0] = (struct lvisor_pci_config){.ecam_base = 0xfe00000000UL,
                                                 .ecam_size = 0x20000000,
                                                 .mem64_base = 0x60000000,
                                                 .mem64_size = 0x20000000,
                                                 .pci_mem64_base = 0x60000000,
                                                 .bus_range_end = 0x1f};
    c.num_pci_devs = 1;
    c.alloc_pci_devs[0] = (struct lvisor_pci_dev){.bus = 6, .device = 1};
    return c;
}

int fx_check(const void *buf, u64 size, struct zone_request *out, struct zone_reject *rej)
{
    void *copy = malloc(size ? size : 1);
    if (!copy)
        abort();
    memcpy(copy, buf, size);
    int err = zone_request_check(copy, size, &fx_rules, out, rej);
    free(copy);
    return err;
}
