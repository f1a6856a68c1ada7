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

static int count_status(const char *word)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "%s/t2.dtb", UNIT_OUT);
    FILE *f = fopen(cmd, "wb");
    fwrite(blob, 1, (size_t)blob_size, f);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts %s/t2.dtb | grep -c 'status = \"%s\"'", UNIT_OUT, word);
    FILE *p = popen(cmd, "r");
    int n = 0;
    if (fscanf(p, "%d", &n) != 1)
        n = -1;
    pclose(p);
    return n;
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

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(disables_absent),
                                        cmocka_unit_test(rejects_garbage) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
