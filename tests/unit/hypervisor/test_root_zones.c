/*
 * Every board's root zone config, as its platform directory writes it: the
 * config passes the checks lvisor runs at boot (against that board's own
 * memory), and the board's root-zone device tree has a memory node at each
 * RAM region (lvisor sizes those nodes at boot and stops if one is missing)
 * and none over lvisor's memory. Built once per board (BOARD, ROOT_DTS).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/config.h"
#include "core/fdt.h"

/* The board's zone config symbol, and what root_dtb.S would embed. */
extern struct zone_config BOARD_ROOT_ZONE;
const char root_zone_dtb[1], root_zone_dtb_end[1];

static u8 blob[65536];
static long blob_size;

static void compile(void)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s/%s.dtb %s", UNIT_OUT, BOARD, ROOT_DTS);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof(cmd), "%s/%s.dtb", UNIT_OUT, BOARD);
    FILE *f = fopen(cmd, "rb");
    assert_non_null(f);
    blob_size = (long)fread(blob, 1, sizeof(blob), f);
    fclose(f);
}

static void config_passes_the_boot_checks(void **state)
{
    (void)state;
    const struct hv_memory hv = { LOAD_ADDR, HV_SIZE };
    assert_int_equal(zone_config_check(&BOARD_ROOT_ZONE, &hv, CONFIG_MAX_CPUS), CONFIG_OK);
    assert_int_equal(BOARD_ROOT_ZONE.id, 0);
}

static void tree_matches_the_ram(void **state)
{
    (void)state;
    compile();
    struct fdt_range r[16];
    int n = fdt_memory_ranges(blob, (u64)blob_size, r, 16);
    assert_true(n > 0);
    const struct zone_config *c = &BOARD_ROOT_ZONE;
    for (u32 i = 0; i < c->nr_mem; i++) {
        if (c->mem[i].type != MEM_RAM)
            continue;
        int found = 0;
        for (int k = 0; k < n; k++)
            found |= r[k].base == c->mem[i].gpa;
        if (!found)
            fail_msg("%s: no memory node at RAM region %#lx", BOARD, c->mem[i].gpa);
    }
    for (int k = 0; k < n; k++)
        if (r[k].base < LOAD_ADDR + HV_SIZE && LOAD_ADDR < r[k].base + r[k].size)
            fail_msg("%s: memory node %#lx covers lvisor's memory", BOARD, r[k].base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(config_passes_the_boot_checks),
        cmocka_unit_test(tree_matches_the_ram),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
