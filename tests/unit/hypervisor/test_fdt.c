/* CPU nodes of the real root-zone tree are disabled in place; dtc reads the result. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/fdt.h"

static u8 blob[65536];
static long blob_size;

static void compile(void)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s/t.dtb %s", UNIT_OUT, ROOT_DTS);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof(cmd), "%s/t.dtb", UNIT_OUT);
    FILE *f = fopen(cmd, "rb");
    assert_non_null(f);
    blob_size = (long)fread(blob, 1, sizeof(blob), f);
    fclose(f);
}

/* Decompiles the edited blob and runs `filter` on the source; returns its output as a number. */
static int dts_query(const char *filter)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "%s/t2.dtb", UNIT_OUT);
    FILE *f = fopen(cmd, "wb");
    assert_non_null(f);
    fwrite(blob, 1, (size_t)blob_size, f);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts %s/t2.dtb | %s", UNIT_OUT, filter);
    FILE *p = popen(cmd, "r");
    int n = 0;
    if (fscanf(p, "%d", &n) != 1)
        n = -1;
    pclose(p);
    return n;
}

static int count_status(const char *word)
{
    char filter[128];
    snprintf(filter, sizeof(filter), "grep -c 'status = \"%s\"'", word);
    return dts_query(filter);
}

static int dts_has(const char *text)
{
    char filter[256];
    snprintf(filter, sizeof(filter), "grep -cF '%s'", text);
    return dts_query(filter) > 0;
}

static void disables_absent(void **state)
{
    (void)state;
    compile();
    assert_int_equal(fdt_disable_absent_cpus(blob, (u64)blob_size, 0xf), 0);
    assert_int_equal(count_status("okay"), 4);
    assert_int_equal(fdt_disable_absent_cpus(blob, (u64)blob_size, 0x1), 3);
    assert_int_equal(count_status("okay"), 1);
    assert_int_equal(count_status("fail"), 3);
}

static void rejects_garbage(void **state)
{
    (void)state;
    compile();
    assert_int_equal(fdt_disable_absent_cpus(blob, 20, 1), -1);
    blob[0] ^= 0xff;
    assert_int_equal(fdt_disable_absent_cpus(blob, (u64)blob_size, 1), -1);
    blob[0] ^= 0xff;
    blob[36] = 0x7f; /* size_dt_struct beyond the blob */
    assert_int_equal(fdt_disable_absent_cpus(blob, (u64)blob_size, 1), -1);
}

static void reads_memory_ranges(void **state)
{
    (void)state;
    compile();
    struct fdt_range r[4];
    assert_int_equal(fdt_memory_ranges(blob, (u64)blob_size, r, 4), 2);
    assert_int_equal(r[0].base, 0);
    assert_int_equal(r[0].size, 0x0f000000);
    assert_int_equal(r[1].base, 0x80000000);
    assert_int_equal(r[1].size, 0x30000000);
    /* more nodes than room: the count says so, nothing written past max */
    r[1].base = 0x1234;
    assert_int_equal(fdt_memory_ranges(blob, (u64)blob_size, r, 1), 2);
    assert_int_equal(r[1].base, 0x1234);
}

static void sets_memory_size(void **state)
{
    (void)state;
    compile();
    assert_int_equal(fdt_set_memory_size(blob, (u64)blob_size, 0x80000000, 0x170000000), 1);
    assert_true(dts_has("reg = <0x00 0x80000000 0x01 0x70000000>;"));
    assert_true(dts_has("reg = <0x00 0x00 0x00 0xf000000>;")); /* the other node untouched */
    struct fdt_range r[2];
    assert_int_equal(fdt_memory_ranges(blob, (u64)blob_size, r, 2), 2);
    assert_int_equal(r[1].size, 0x170000000);
    assert_int_equal(fdt_set_memory_size(blob, (u64)blob_size, 0x90000000, 1), 0);
}

/* The root's tree: a firmware-<i> node of /reserved-memory takes the range lvisor gives it. */
static void sets_reserved_node(void **state)
{
    (void)state;
    compile();
    assert_true(dts_has("reg = <0x00 0x00 0x00 0x00>;"));
    assert_int_equal(
        fdt_set_reserved_node(blob, (u64)blob_size, "firmware-2", 0x90000000, 0x200000), 1);
    assert_true(dts_has("reg = <0x00 0x90000000 0x00 0x200000>;"));
    /* the zones' node and the other firmware nodes untouched */
    assert_true(dts_has("reg = <0x00 0xc0000000 0x00 0x20000000>;"));
    assert_int_equal(dts_query("grep -cF 'reg = <0x00 0x00 0x00 0x00>;'"), 3);
    assert_int_equal(fdt_set_reserved_node(blob, (u64)blob_size, "firmware-9", 1, 1), 0);
    assert_int_equal(fdt_set_reserved_node(blob, 39, "firmware-0", 1, 1), -1);
}

static void reads_cpu_mask(void **state)
{
    (void)state;
    compile();
    assert_int_equal(fdt_cpu_mask(blob, (u64)blob_size), 0xf);
    assert_int_equal(fdt_cpu_mask(blob, 39), -1);
}

static void memory_rejects_garbage(void **state)
{
    (void)state;
    compile();
    struct fdt_range r[2];
    assert_int_equal(fdt_memory_ranges(blob, 39, r, 2), -1);
    assert_int_equal(fdt_set_memory_size(blob, 39, 0x80000000, 1), -1);
    blob[8] = 0x7f; /* structure block beyond the blob */
    assert_int_equal(fdt_memory_ranges(blob, (u64)blob_size, r, 2), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(disables_absent),
                                        cmocka_unit_test(rejects_garbage),
                                        cmocka_unit_test(reads_memory_ranges),
                                        cmocka_unit_test(sets_memory_size),
                                        cmocka_unit_test(sets_reserved_node),
                                        cmocka_unit_test(reads_cpu_mask),
                                        cmocka_unit_test(memory_rejects_garbage) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
