/* MMIO table: registration rules, dispatch by address, pending answers, read results. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/mmio.h"

static int calls;
static enum mmio_result answer(struct vcpu *v, void *arg, struct mmio_access *a)
{
    (void)v;
    calls++;
    if (!a->is_write)
        a->value = *(u64 *)arg;
    return MMIO_HANDLED;
}

static enum mmio_result later(struct vcpu *v, void *arg, struct mmio_access *a)
{
    (void)v, (void)arg, (void)a;
    return MMIO_PENDING;
}

static void registration(void **state)
{
    (void)state;
    struct mmio_table t;
    mmio_table_init(&t);
    u64 v = 0;
    assert_true(mmio_register(&t, 0x1000, 0x100, answer, &v));
    assert_false(mmio_register(&t, 0x10f0, 0x100, answer, &v)); /* overlaps */
    assert_false(mmio_register(&t, 0x2000, 0, answer, &v));     /* empty */
    assert_false(mmio_register(&t, ~0xfUL, 0x100, answer, &v)); /* wraps */
    assert_false(mmio_register(&t, 0x3000, 0x10, NULL, &v));    /* no handler */
    for (u32 i = 1; i < MMIO_MAX_REGIONS; i++)
        assert_true(mmio_register(&t, 0x10000 * (i + 1), 0x100, answer, &v));
    assert_false(mmio_register(&t, 0x900000, 0x100, answer, &v)); /* table full */
}

static void dispatch(void **state)
{
    (void)state;
    struct mmio_table t;
    mmio_table_init(&t);
    u64 reg = 0x8877665544332211UL;
    assert_true(mmio_register(&t, 0x1000, 0x100, answer, &reg));
    assert_true(mmio_register(&t, 0x3000, 0x200, later, NULL));
    calls = 0;
    struct mmio_access a = { .gpa = 0x1010, .size = 4 };
    assert_int_equal(mmio_dispatch(&t, NULL, &a), MMIO_HANDLED);
    assert_int_equal(a.offset, 0x10);
    assert_int_equal(calls, 1);
    struct mmio_access edge = { .gpa = 0x10fc, .size = 8 }; /* runs past the end */
    assert_int_equal(mmio_dispatch(&t, NULL, &edge), MMIO_ERROR);
    struct mmio_access none = { .gpa = 0x2000, .size = 4 };
    assert_int_equal(mmio_dispatch(&t, NULL, &none), MMIO_UNHANDLED);
    assert_int_equal(calls, 1);
    struct mmio_access notify = { .gpa = 0x3050, .size = 4, .is_write = true, .value = 1 };
    assert_int_equal(mmio_dispatch(&t, NULL, &notify), MMIO_PENDING);
    assert_int_equal(notify.offset, 0x50);
}

static void read_results(void **state)
{
    (void)state;
    struct mmio_access a = { .value = 0x00000000000080f0UL, .size = 2, .sign_extend = true };
    assert_int_equal(mmio_read_result(&a), 0xffffffffffff80f0UL);
    a.sign_extend = false;
    assert_int_equal(mmio_read_result(&a), 0x80f0);
    a = (struct mmio_access){ .value = 0x12345678ff, .size = 1, .sign_extend = true };
    assert_int_equal(mmio_read_result(&a), 0xffffffffffffffffUL);
    a = (struct mmio_access){ .value = 0xdeadbeef80000000UL, .size = 4, .sign_extend = true };
    assert_int_equal(mmio_read_result(&a), 0xffffffff80000000UL);
    a = (struct mmio_access){ .value = 0xdeadbeef80000000UL, .size = 8, .sign_extend = true };
    assert_int_equal(mmio_read_result(&a), 0xdeadbeef80000000UL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(registration),
        cmocka_unit_test(dispatch),
        cmocka_unit_test(read_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
