/*
 * zone_request_check, rule by rule: the good request is accepted and
 * converted; each broken one (the good one broken in exactly one way) gets
 * its errno and rule, and *out stays as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zone_request_fixture.h"

#define SIZE LVISOR_ZONE_CONFIG_SIZE
#define R(i) c->memory_regions[i]

static void accepts_the_good_request(void **state)
{
    (void)state;
    struct lvisor_zone_config c = fx_good();
    struct zone_request out;
    struct zone_reject rej;
    memset(&out, 0x5a, sizeof(out));
    assert_int_equal(fx_check(&c, SIZE, &out, &rej), 0);
    assert_int_equal(rej.rule, ZR_OK);
    assert_int_equal(out.cfg.id, 1);
    assert_int_equal(out.cfg.cpus, 1UL << 1);
    assert_ptr_equal(out.cfg.name, out.name);
    assert_string_equal(out.name, "linux1");
    assert_int_equal(out.cfg.nr_mem, FX_GOOD_REGIONS);
    assert_ptr_equal(out.cfg.mem, out.mem);
    assert_int_equal(out.mem[0].type, MEM_RAM);
    assert_int_equal(out.mem[0].hpa, 0xc0000000);
    assert_int_equal(out.mem[2].type, MEM_IO);
    assert_int_equal(out.mem[5].type, MEM_VIRTIO);
    assert_int_equal(out.mem[5].hpa, 0x30001000); /* no memory: the address the daemon sees */
    assert_int_equal(out.mem[5].gpa, 0x30001000);
    assert_int_equal(out.mem[5].size, 0x200);
    assert_int_equal(out.mem[7].hpa, 0xe0000000);
    assert_int_equal(out.mem[7].gpa, 0);
    assert_int_equal(out.mem[FX_GOOD_REGIONS].size, 0); /* nothing stale past the count */
    assert_int_equal(out.entry, 0xc0dff000);            /* the DMW bits dropped */
    assert_int_equal(out.kernel.gpa, 0xc0200000);
    assert_int_equal(out.kernel.size, 0x01000000);
    assert_int_equal(out.dtb.gpa, 0xc0000000);
    assert_false(out.legacy_layout);
    assert_int_equal(out.cfg.kernel_image, 0);
}

/* The older layout: the same fields, a shorter PCI device table that lvisor ignores. */
static void accepts_the_older_layout(void **state)
{
    (void)state;
    struct lvisor_zone_config c = fx_good();
    struct zone_request out;
    assert_int_equal(fx_check(&c, LVISOR_ZONE_CONFIG_SIZE_LEGACY, &out, NULL), 0);
    assert_true(out.legacy_layout);
    assert_int_equal(out.cfg.nr_mem, FX_GOOD_REGIONS);
    assert_int_equal(out.entry, 0xc0dff000);
}

/* Images placed in RAM whose GPA is not its HPA get the zone's address. */
static void images_become_zone_addresses(void **state)
{
    (void)state;
    struct lvisor_zone_config c = fx_good();
    c.kernel_load_paddr = 0xe0002000; /* low RAM: GPA 0 = HPA 0xe000_0000 */
    c.kernel_size = 0x1000;
    c.dtb_size = 0;
    c.entry_point = 0x8000000000002000UL; /* the uncached window's bits, dropped too */
    struct zone_request out;
    assert_int_equal(fx_check(&c, SIZE, &out, NULL), 0);
    assert_int_equal(out.kernel.gpa, 0x2000);
    assert_int_equal(out.dtb.gpa, 0);
    assert_int_equal(out.dtb.size, 0);
    assert_int_equal(out.entry, 0x2000);
}

/* A name of 32 characters has no NUL in the struct: refused (31 fit), as the CLI does. */
static void name_of_32_characters(void **state)
{
    (void)state;
    struct lvisor_zone_config c = fx_good();
    memcpy(c.name, "abcdefghijklmnopqrstuvwxyz-01234", 32);
    struct zone_request out;
    struct zone_reject rej;
    assert_int_equal(fx_check(&c, SIZE, &out, &rej), -HV_EINVAL);
    assert_int_equal(rej.rule, ZR_NAME);
    memcpy(c.name, "abcdefghijklmnopqrstuvwxyz-0123\0", 32);
    assert_int_equal(fx_check(&c, SIZE, &out, NULL), 0);
    assert_string_equal(out.name, "abcdefghijklmnopqrstuvwxyz-0123");
}

/* The limits themselves are allowed: 64 regions, 2 ivc, 4 PCI buses, 32 PCI devices. */
static void limits_are_allowed(void **state)
{
    (void)state;
    struct lvisor_zone_config c = fx_good();
    for (u32 i = FX_GOOD_REGIONS; i < LVISOR_MAX_MEM_REGIONS; i++)
        c.memory_regions[i] = (struct lvisor_mem_region){LVISOR_MEM_RAM, 0xe0100000 + i * 0x1000UL,
                                                         0x100000000UL + i * 0x1000UL, 0x1000};
    c.num_memory_regions = LVISOR_MAX_MEM_REGIONS;
    c.num_ivc_configs = LVISOR_MAX_IVC_CONFIGS;
    c.num_pci_bus = LVISOR_MAX_PCI_BUS;
    c.num_pci_devs = LVISOR_MAX_PCI_DEVS;
    c.memory_regions[5].physical_start = ~0UL; /* a virtio window's HPA means nothing */
    struct zone_request out;
    assert_int_equal(fx_check(&c, SIZE, &out, NULL), 0);
    assert_int_equal(out.cfg.nr_mem, LVISOR_MAX_MEM_REGIONS);
    assert_int_equal(out.mem[63].gpa, 0x100000000UL + 63 * 0x1000UL);
}

/* The reason is what lvisor logs: it names the region and what is wrong with it. */
static void reason_names_the_region(void **state)
{
    (void)state;
    struct lvisor_zone_config c = fx_good();
    c.memory_regions[7].physical_start = 0x90000000;
    struct zone_request out;
    struct zone_reject rej;
    assert_int_equal(fx_check(&c, SIZE, &out, &rej), -HV_EPERM);
    assert_string_equal(rej.why, "memory_regions[7]: RAM 0x90000000+0x100000 outside the memory "
                                 "set aside for zones");
}

static void bad_buffers(void **state)
{
    (void)state;
    struct zone_request out, before;
    struct zone_reject rej;
    memset(&out, 0x5a, sizeof(out));
    before = out;
    assert_int_equal(zone_request_check(NULL, SIZE, &fx_rules, &out, &rej), -HV_EFAULT);
    assert_int_equal(rej.rule, ZR_BUFFER);
    struct lvisor_zone_config c = fx_good();
    assert_int_equal(fx_check(&c, 0, &out, &rej), -HV_EINVAL);
    assert_int_equal(rej.rule, ZR_SIZE);
    u64 *words = calloc(SIZE / 8 + 1, 8);
    memcpy((char *)words + 4, &c, SIZE);
    assert_int_equal(zone_request_check((char *)words + 4, SIZE, &fx_rules, &out, NULL),
                     -HV_EFAULT);
    free(words);
    assert_memory_equal(&out, &before, sizeof(out));
}

/* One broken request: how it is broken, and what lvisor must answer. */
struct broken {
    const char *name;
    void (*do_break)(struct lvisor_zone_config *c);
    int err;
    enum zone_rule rule;
    u64 size; /* 0: the layout's own */
};

#define BREAK(fn, body)                                                                            \
    static void fn(struct lvisor_zone_config *c) { body; }

BREAK(nothing, (void)c)
BREAK(id_zero, c->zone_id = 0)
BREAK(id_beyond_the_table, c->zone_id = 4)
BREAK(id_huge, c->zone_id = 0xffffffff)
BREAK(id_in_use, c->zone_id = 2)
BREAK(no_cpus, c->cpus = 0)
BREAK(cpu_not_present, c->cpus |= 1UL << 4)
BREAK(cpu_63_not_present, c->cpus |= 1UL << 63)
BREAK(cpu_of_the_root, c->cpus |= 1UL << 0)
BREAK(cpu_of_zone_2, c->cpus = 1UL << 2)
BREAK(name_not_printable, c->name[3] = '\n')
BREAK(name_high_byte, c->name[0] = (char)0xc3)
BREAK(name_empty, memset(c->name, 0, sizeof(c->name)))
BREAK(three_ivc_configs, c->num_ivc_configs = 3)
BREAK(five_pci_buses, c->num_pci_bus = 5)
BREAK(pci_bus_count_huge, c->num_pci_bus = 1UL << 32)
BREAK(thirty_three_pci_devs, c->num_pci_devs = 33)
BREAK(no_regions, c->num_memory_regions = 0)
BREAK(sixty_five_regions, c->num_memory_regions = 65)
BREAK(region_count_huge, c->num_memory_regions = 0xffffffff)
BREAK(region_type_unknown, R(3).type = 3)
BREAK(region_empty, R(4).size = 0)
BREAK(virtio_empty, R(6).size = 0)
BREAK(ram_hpa_unaligned, R(1).physical_start += 0x800)
BREAK(ram_gpa_unaligned, R(1).virtual_start += 0x10)
BREAK(ram_size_unaligned, R(0).size -= 1)
BREAK(io_size_unaligned, R(2).size = 0x100)
BREAK(ram_hpa_wraps, R(7).physical_start = 0xfffffffffff80000UL)
BREAK(ram_gpa_wraps, R(7).virtual_start = 0xfffffffffff80000UL)
BREAK(ram_ends_at_the_top, (R(7).virtual_start = 0xfffffffffff00000UL, R(7).size = 0x100000))
BREAK(virtio_gpa_wraps, R(6).virtual_start = 0xffffffffffffff00UL)
BREAK(ram_beyond_the_gpa_limit, R(7).virtual_start = 1UL << 48)
BREAK(virtio_beyond_the_gpa_limit, R(6).virtual_start = (1UL << 48) - 0x100)
BREAK(ram_gpas_overlap, R(1).virtual_start = 0xc8000000)
BREAK(io_gpa_in_ram, R(3).virtual_start = 0xc0001000)
BREAK(virtio_in_a_ram_page, R(5).virtual_start = 0x800)
BREAK(virtio_windows_share_a_page, R(6).virtual_start = 0x30001400)
BREAK(virtio_over_io, R(6).virtual_start = 0x1fe00000)
BREAK(ram_hpas_overlap, R(7).physical_start = 0xd00ff000)
BREAK(io_hpa_twice, R(4).physical_start = 0x1fe00000)
BREAK(ram_in_lvisor, R(7).physical_start = FX_HV_BASE)
BREAK(ram_reaching_into_lvisor, (R(7).physical_start = FX_HV_BASE - 0x1000, R(7).size = 0x2000))
BREAK(io_in_lvisor, R(2).physical_start = FX_HV_BASE + 0x1000)
BREAK(ram_in_the_roots_ram, R(7).physical_start = 0x90000000)
BREAK(ram_past_its_window, (R(7).physical_start = 0xfff00000, R(7).size = 0x200000))
BREAK(ram_between_windows, R(7).physical_start = 0x120000000)
BREAK(ram_in_zone_2, R(7).physical_start = FX_ZONE2_RAM)
BREAK(ram_covering_zone_2, (R(7).physical_start = FX_ZONE2_RAM, R(7).size = 0x10000000))
BREAK(ram_straddling_zone_2s_end, R(7).physical_start = FX_ZONE2_RAM + FX_ZONE2_RAM_SIZE - 0x1000)
BREAK(io_not_allowed, R(3).physical_start = 0x20000000) /* PCIe ECAM */
BREAK(io_larger_than_allowed, R(2).size = 0x2000)
BREAK(entry_outside_ram, c->entry_point = 0x9000000030001000UL)
BREAK(entry_unaligned, c->entry_point += 2)
BREAK(entry_just_past_ram, c->entry_point = 0x90000000e0000000UL)
BREAK(entry_in_io, c->entry_point = 0x1fe00000)
BREAK(kernel_larger_than_the_zones_ram, c->kernel_size = 0x40000000)
BREAK(kernel_across_two_regions, c->kernel_load_paddr = 0xcff00000)
BREAK(kernel_in_the_roots_ram, c->kernel_load_paddr = 0x90000000)
BREAK(kernel_wraps, (c->kernel_load_paddr = 0xffffffffffff0000UL, c->kernel_size = 0x20000))
BREAK(dtb_in_io, c->dtb_load_paddr = 0x1fe00000)
BREAK(dtb_in_virtio, c->dtb_load_paddr = 0x30001000)

static const struct broken broken[] = {
    {"size_1", nothing, HV_EINVAL, ZR_SIZE, 1},
    {"size_one_short", nothing, HV_EINVAL, ZR_SIZE, SIZE - 1},
    {"size_one_long", nothing, HV_EINVAL, ZR_SIZE, SIZE + 1},
    {"size_older_plus_8", nothing, HV_EINVAL, ZR_SIZE, LVISOR_ZONE_CONFIG_SIZE_LEGACY + 8},
    {"id_zero", id_zero, HV_EINVAL, ZR_ID, 0},
    {"id_beyond_the_table", id_beyond_the_table, HV_EINVAL, ZR_ID, 0},
    {"id_huge", id_huge, HV_EINVAL, ZR_ID, 0},
    {"id_in_use", id_in_use, HV_EEXIST, ZR_ID_IN_USE, 0},
    {"no_cpus", no_cpus, HV_EINVAL, ZR_NO_CPUS, 0},
    {"cpu_not_present", cpu_not_present, HV_EINVAL, ZR_CPU_ABSENT, 0},
    {"cpu_63_not_present", cpu_63_not_present, HV_EINVAL, ZR_CPU_ABSENT, 0},
    {"cpu_of_the_root", cpu_of_the_root, HV_EBUSY, ZR_CPU_BUSY, 0},
    {"cpu_of_zone_2", cpu_of_zone_2, HV_EBUSY, ZR_CPU_BUSY, 0},
    {"name_not_printable", name_not_printable, HV_EINVAL, ZR_NAME, 0},
    {"name_high_byte", name_high_byte, HV_EINVAL, ZR_NAME, 0},
    {"name_empty", name_empty, HV_EINVAL, ZR_NAME, 0},
    {"three_ivc_configs", three_ivc_configs, HV_EINVAL, ZR_COUNTS, 0},
    {"five_pci_buses", five_pci_buses, HV_EINVAL, ZR_COUNTS, 0},
    {"pci_bus_count_huge", pci_bus_count_huge, HV_EINVAL, ZR_COUNTS, 0},
    {"thirty_three_pci_devs", thirty_three_pci_devs, HV_EINVAL, ZR_COUNTS, 0},
    {"no_regions", no_regions, HV_EINVAL, ZR_NR_REGIONS, 0},
    {"sixty_five_regions", sixty_five_regions, HV_EINVAL, ZR_NR_REGIONS, 0},
    {"region_count_huge", region_count_huge, HV_EINVAL, ZR_NR_REGIONS, 0},
    {"region_type_unknown", region_type_unknown, HV_EINVAL, ZR_REGION_TYPE, 0},
    {"region_empty", region_empty, HV_EINVAL, ZR_REGION_EMPTY, 0},
    {"virtio_empty", virtio_empty, HV_EINVAL, ZR_REGION_EMPTY, 0},
    {"ram_hpa_unaligned", ram_hpa_unaligned, HV_EINVAL, ZR_REGION_UNALIGNED, 0},
    {"ram_gpa_unaligned", ram_gpa_unaligned, HV_EINVAL, ZR_REGION_UNALIGNED, 0},
    {"ram_size_unaligned", ram_size_unaligned, HV_EINVAL, ZR_REGION_UNALIGNED, 0},
    {"io_size_unaligned", io_size_unaligned, HV_EINVAL, ZR_REGION_UNALIGNED, 0},
    {"ram_hpa_wraps", ram_hpa_wraps, HV_EINVAL, ZR_REGION_WRAPS, 0},
    {"ram_gpa_wraps", ram_gpa_wraps, HV_EINVAL, ZR_REGION_WRAPS, 0},
    {"ram_ends_at_the_top", ram_ends_at_the_top, HV_EINVAL, ZR_REGION_WRAPS, 0},
    {"virtio_gpa_wraps", virtio_gpa_wraps, HV_EINVAL, ZR_REGION_WRAPS, 0},
    {"ram_beyond_the_gpa_limit", ram_beyond_the_gpa_limit, HV_EINVAL, ZR_GPA_LIMIT, 0},
    {"virtio_beyond_the_gpa_limit", virtio_beyond_the_gpa_limit, HV_EINVAL, ZR_GPA_LIMIT, 0},
    {"ram_gpas_overlap", ram_gpas_overlap, HV_EINVAL, ZR_GPA_OVERLAP, 0},
    {"io_gpa_in_ram", io_gpa_in_ram, HV_EINVAL, ZR_GPA_OVERLAP, 0},
    {"virtio_in_a_ram_page", virtio_in_a_ram_page, HV_EINVAL, ZR_GPA_OVERLAP, 0},
    {"virtio_windows_share_a_page", virtio_windows_share_a_page, HV_EINVAL, ZR_GPA_OVERLAP, 0},
    {"virtio_over_io", virtio_over_io, HV_EINVAL, ZR_GPA_OVERLAP, 0},
    {"ram_hpas_overlap", ram_hpas_overlap, HV_EINVAL, ZR_HPA_OVERLAP, 0},
    {"io_hpa_twice", io_hpa_twice, HV_EINVAL, ZR_HPA_OVERLAP, 0},
    {"ram_in_lvisor", ram_in_lvisor, HV_EPERM, ZR_HITS_HV, 0},
    {"ram_reaching_into_lvisor", ram_reaching_into_lvisor, HV_EPERM, ZR_HITS_HV, 0},
    {"io_in_lvisor", io_in_lvisor, HV_EPERM, ZR_HITS_HV, 0},
    {"ram_in_the_roots_ram", ram_in_the_roots_ram, HV_EPERM, ZR_RAM_NOT_SET_ASIDE, 0},
    {"ram_past_its_window", ram_past_its_window, HV_EPERM, ZR_RAM_NOT_SET_ASIDE, 0},
    {"ram_between_windows", ram_between_windows, HV_EPERM, ZR_RAM_NOT_SET_ASIDE, 0},
    {"ram_in_zone_2", ram_in_zone_2, HV_EBUSY, ZR_RAM_IN_USE, 0},
    {"ram_covering_zone_2", ram_covering_zone_2, HV_EBUSY, ZR_RAM_IN_USE, 0},
    {"ram_straddling_zone_2s_end", ram_straddling_zone_2s_end, HV_EBUSY, ZR_RAM_IN_USE, 0},
    {"io_not_allowed", io_not_allowed, HV_EPERM, ZR_IO_NOT_ALLOWED, 0},
    {"io_larger_than_allowed", io_larger_than_allowed, HV_EPERM, ZR_IO_NOT_ALLOWED, 0},
    {"entry_outside_ram", entry_outside_ram, HV_EINVAL, ZR_ENTRY, 0},
    {"entry_unaligned", entry_unaligned, HV_EINVAL, ZR_ENTRY, 0},
    {"entry_just_past_ram", entry_just_past_ram, HV_EINVAL, ZR_ENTRY, 0},
    {"entry_in_io", entry_in_io, HV_EINVAL, ZR_ENTRY, 0},
    {"kernel_larger_than_the_zones_ram", kernel_larger_than_the_zones_ram, HV_EINVAL, ZR_KERNEL, 0},
    {"kernel_across_two_regions", kernel_across_two_regions, HV_EINVAL, ZR_KERNEL, 0},
    {"kernel_in_the_roots_ram", kernel_in_the_roots_ram, HV_EINVAL, ZR_KERNEL, 0},
    {"kernel_wraps", kernel_wraps, HV_EINVAL, ZR_KERNEL, 0},
    {"dtb_in_io", dtb_in_io, HV_EINVAL, ZR_DTB, 0},
    {"dtb_in_virtio", dtb_in_virtio, HV_EINVAL, ZR_DTB, 0},
};

static void refused(void **state)
{
    const struct broken *b = *state;
    struct lvisor_zone_config c = fx_good();
    b->do_break(&c);
    struct zone_request out, before;
    struct zone_reject rej = {.rule = ZR_OK};
    memset(&out, 0x5a, sizeof(out));
    before = out;
    u64 size = b->size ? b->size : SIZE;
    char *buf = calloc(1, size > SIZE ? size : SIZE);
    memcpy(buf, &c, SIZE);
    int err = fx_check(buf, size, &out, &rej);
    free(buf);
    print_message("%-34s -> %d: %s\n", b->name, err, rej.why);
    assert_int_equal(err, -b->err);
    assert_int_equal(rej.rule, b->rule);
    assert_true(rej.why[0] != 0);
    assert_memory_equal(&out, &before, sizeof(out));
}

int main(void)
{
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(accepts_the_good_request),
        cmocka_unit_test(accepts_the_older_layout),
        cmocka_unit_test(images_become_zone_addresses),
        cmocka_unit_test(name_of_32_characters),
        cmocka_unit_test(limits_are_allowed),
        cmocka_unit_test(reason_names_the_region),
        cmocka_unit_test(bad_buffers),
    };
    enum { NR_FIXED = sizeof(fixed) / sizeof(fixed[0]), NR_BROKEN = ARRAY_SIZE(broken) };
    struct CMUnitTest tests[NR_FIXED + NR_BROKEN];
    memcpy(tests, fixed, sizeof(fixed));
    for (u32 i = 0; i < NR_BROKEN; i++)
        tests[NR_FIXED + i] = (struct CMUnitTest){
            .name = broken[i].name, .test_func = refused, .initial_state = (void *)&broken[i]};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
