/*
 * QEMU virt's root RAM after a UEFI boot (platform/qemu-virt/root_ram.c):
 * what the firmware's memory map keeps is cut off the top of the root's
 * RAM, reserved in its tree anywhere else in it, and never left in the RAM
 * set aside for non-root zones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "root_ram.h"

/* -m 2G: low RAM up to lvisor at 0x0a000000, high RAM 0x80000000 + 1.75 GiB, zones' 512 MiB */
static struct root_ram board(void)
{
    return (struct root_ram){.low_end = 0x0a000000,
                             .high_base = 0x80000000,
                             .high_size = 0x70000000,
                             .zone_base = 0xc0000000,
                             .zone_size = 0x20000000};
}

static void nothing_kept_changes_nothing(void **state)
{
    (void)state;
    struct root_ram r = board();
    /* EDK2's own memory, above lvisor in the low RAM (nobody's), is not the root's */
    const struct fdt_range kept[] = {{0x0d450000, 0x02bb0000}};
    assert_true(root_ram_fit(kept, 1, &r));
    assert_int_equal(r.high_size, 0x70000000);
    assert_int_equal(r.zone_size, 0x20000000);
    assert_int_equal(r.nr_reserved, 0);
}

static void kept_at_the_top_is_cut_off(void **state)
{
    (void)state;
    struct root_ram r = board();
    const struct fdt_range kept[] = {{0xeff00000, 0x80000}, {0xeff80000, 0x80000}};
    assert_true(root_ram_fit(kept, 2, &r));
    assert_int_equal(r.high_size, 0x6ff00000);
    assert_int_equal(r.zone_size, 0x20000000);
    assert_int_equal(r.nr_reserved, 0);
}

static void kept_inside_is_reserved_exactly(void **state)
{
    (void)state;
    struct root_ram r = board();
    const struct fdt_range kept[] = {{0x08000000, 0x100000}, {0x90000000, 0x10000}};
    assert_true(root_ram_fit(kept, 2, &r));
    assert_int_equal(r.high_size, 0x70000000);
    assert_int_equal(r.nr_reserved, 2);
    /* from the top down */
    assert_int_equal(r.reserved[0].base, 0x90000000);
    assert_int_equal(r.reserved[0].size, 0x10000);
    assert_int_equal(r.reserved[1].base, 0x08000000);
    assert_int_equal(r.reserved[1].size, 0x100000);
}

static void kept_across_lvisor_is_reserved_up_to_it(void **state)
{
    (void)state;
    struct root_ram r = board();
    const struct fdt_range kept[] = {{0x09f00000, 0x200000}};
    assert_true(root_ram_fit(kept, 1, &r));
    assert_int_equal(r.nr_reserved, 1);
    assert_int_equal(r.reserved[0].base, 0x09f00000);
    assert_int_equal(r.reserved[0].size, 0x100000);
}

static void kept_in_the_zones_ram_takes_it_from_them(void **state)
{
    (void)state;
    struct root_ram r = board();
    const struct fdt_range kept[] = {{0xc8000000, 0x1000}};
    assert_true(root_ram_fit(kept, 1, &r));
    assert_int_equal(r.zone_size, 0);
    /* the RAM goes back to the root, the firmware's page stays reserved in its tree */
    assert_int_equal(r.nr_reserved, 1);
    assert_int_equal(r.reserved[0].base, 0xc8000000);
    assert_int_equal(r.high_size, 0x70000000);
}

static void a_cut_into_the_zones_ram_leaves_them_none(void **state)
{
    (void)state;
    struct root_ram r = board();
    const struct fdt_range kept[] = {{0xd0000000, 0x20000000}};
    assert_true(root_ram_fit(kept, 1, &r));
    assert_int_equal(r.high_size, 0x50000000);
    assert_int_equal(r.zone_size, 0);
    assert_int_equal(r.nr_reserved, 0);
}

static void too_many_holes_are_refused(void **state)
{
    (void)state;
    struct root_ram r = board();
    const struct fdt_range kept[] = {{0x01000000, 0x1000},
                                     {0x02000000, 0x1000},
                                     {0x03000000, 0x1000},
                                     {0x04000000, 0x1000},
                                     {0x05000000, 0x1000}};
    assert_false(root_ram_fit(kept, 5, &r));
    assert_true(root_ram_fit(kept, 4, &r));
    assert_int_equal(r.nr_reserved, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nothing_kept_changes_nothing),
        cmocka_unit_test(kept_at_the_top_is_cut_off),
        cmocka_unit_test(kept_inside_is_reserved_exactly),
        cmocka_unit_test(kept_across_lvisor_is_reserved_up_to_it),
        cmocka_unit_test(kept_in_the_zones_ram_takes_it_from_them),
        cmocka_unit_test(a_cut_into_the_zones_ram_leaves_them_none),
        cmocka_unit_test(too_many_holes_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
