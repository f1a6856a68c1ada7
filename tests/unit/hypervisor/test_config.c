/* Zone config validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/config.h"

static const struct hv_memory hv = { 0x0f000000, 0x01000000 };

static struct zone_config make(const struct mem_region *m, u32 n)
{
    struct zone_config c = { .id = 0, .name = "t", .cpus = 0xf, .nr_mem = n, .mem = m,
                             .boot_data_gpa = 0x10000, .fdt_gpa = 0x100000 };
    return c;
}

static void good(void **state)
{
    (void)state;
    const struct mem_region m[] = {
        { 0x0, 0x0, 0x0f000000, MEM_RAM },
        { 0x80000000, 0x80000000, 0x30000000, MEM_RAM },
        { 0x1fe00000, 0x1fe00000, 0x1000, MEM_IO },
    };
    struct zone_config c = make(m, 3);
    assert_int_equal(zone_config_check(&c, &hv, 4), CONFIG_OK);
    paddr_t hpa;
    assert_true(zone_config_ram_range(&c, 0x80001000, 0x1000, &hpa));
    assert_int_equal(hpa, 0x80001000);
    assert_false(zone_config_ram_range(&c, 0x0eff0000, 0x20000, &hpa)); /* runs past RAM */
    assert_false(zone_config_ram_range(&c, 0x1fe00000, 8, &hpa));       /* IO is not RAM */
    assert_false(zone_config_ram_range(&c, ~0UL - 4, 8, &hpa));          /* wraps */
}

static void bad(void **state)
{
    (void)state;
    const struct mem_region hits_hv[] = { { 0x0, 0x0, 0x10000000, MEM_RAM } };
    struct zone_config c = make(hits_hv, 1);
    assert_int_equal(zone_config_check(&c, &hv, 4), CONFIG_HITS_HYPERVISOR);

    const struct mem_region overlap[] = { { 0x0, 0x0, 0x200000, MEM_RAM },
                                          { 0x400000, 0x100000, 0x200000, MEM_RAM } };
    c = make(overlap, 2);
    assert_int_equal(zone_config_check(&c, &hv, 4), CONFIG_OVERLAP);

    const struct mem_region unaligned[] = { { 0x0, 0x0, 0x200001, MEM_RAM } };
    c = make(unaligned, 1);
    assert_int_equal(zone_config_check(&c, &hv, 4), CONFIG_UNALIGNED);

    const struct mem_region ok[] = { { 0x0, 0x0, 0x200000, MEM_RAM } };
    c = make(ok, 1);
    c.cpus = 0x10;
    assert_int_equal(zone_config_check(&c, &hv, 4), CONFIG_BAD_CPU);
    c.cpus = 0;
    assert_int_equal(zone_config_check(&c, &hv, 4), CONFIG_NO_CPUS);
    c.cpus = 1;
    c.fdt_gpa = 0x300000;
    assert_int_equal(zone_config_check(&c, &hv, 4), CONFIG_BOOT_DATA_OUTSIDE_RAM);
    c = make(NULL, 0);
    assert_int_equal(zone_config_check(&c, &hv, 4), CONFIG_EMPTY);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(good), cmocka_unit_test(bad) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
