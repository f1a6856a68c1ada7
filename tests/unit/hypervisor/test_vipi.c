/* Emulated IPI block: register semantics and the send encodings Linux uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arch/vipi.h>

static void status_en_set_clear(void **state)
{
    (void)state;
    struct vipi p;
    memset(&p, 0, sizeof(p));
    u64 v;
    vipi_raise(&p, 1 << 3);
    assert_false(vipi_pending(&p)); /* not enabled yet */
    assert_true(vipi_write(&p, IOCSR_IPI_EN, 4, 0xffffffff));
    assert_true(vipi_pending(&p));
    assert_true(vipi_read(&p, IOCSR_IPI_STATUS, 4, &v));
    assert_int_equal(v, 1 << 3);
    assert_true(vipi_write(&p, IOCSR_IPI_SET, 4, 1 << 5));
    assert_true(vipi_write(&p, IOCSR_IPI_CLEAR, 4, 1 << 3));
    assert_true(vipi_read(&p, IOCSR_IPI_STATUS, 4, &v));
    assert_int_equal(v, 1 << 5);
    assert_true(vipi_write(&p, IOCSR_IPI_CLEAR, 4, ~0u));
    assert_false(vipi_pending(&p));
    assert_false(vipi_read(&p, 0x1010, 4, &v)); /* hole in the block */
    assert_false(vipi_write(&p, IOCSR_IPI_EN, 1, 1)); /* byte access refused */
}

static void mailboxes(void **state)
{
    (void)state;
    struct vipi p;
    memset(&p, 0, sizeof(p));
    u64 v;
    /* Linux's csr_mail_send: high half to word 1, then low half to word 0 */
    u64 entry = 0x9000000012345678UL & 0xffffffffffffUL;
    vipi_mail_store(&p, 1, (entry >> 32) << 32 | 1UL << 31 | 1 << 16 | 1 << 2);
    vipi_mail_store(&p, 0, (entry & 0xffffffff) << 32 | 1UL << 31 | 1 << 16);
    assert_int_equal(vipi_mbox64(&p, 0), entry);
    assert_true(vipi_read(&p, IOCSR_MBUF0, 8, &v));
    assert_int_equal(v, entry);
    assert_true(vipi_read(&p, IOCSR_MBUF0 + 4, 4, &v));
    assert_int_equal(v, entry >> 32);
    /* byte mask bits 27-30 keep old bytes */
    vipi_mail_store(&p, 2, 0xaabbccddUL << 32);
    vipi_mail_store(&p, 2, 0x11223344UL << 32 | 0x3UL << 27);
    assert_true(vipi_read(&p, IOCSR_MBUF0 + 8, 4, &v));
    assert_int_equal(v, 0x1122ccdd);
    /* a secondary clears its mailbox with a 64-bit write */
    assert_true(vipi_write(&p, IOCSR_MBUF0, 8, 0));
    assert_int_equal(vipi_mbox64(&p, 0), 0);
    assert_false(vipi_read(&p, IOCSR_MBUF0 + 4, 8, &v)); /* misaligned 64-bit */
}

static void send_fields(void **state)
{
    (void)state;
    u64 send = 1UL << 31 | 3 << 16 | 2; /* IPI_SEND: cpu 3, vector 2, blocking */
    assert_int_equal(ipi_send_cpu(send), 3);
    assert_int_equal(ipi_send_vector(send), 2);
    assert_int_equal(mail_send_word(1 << 2 | 1 << 3), 3);
    assert_int_equal(any_send_addr(0x1c04), 0x1c04);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_en_set_clear),
        cmocka_unit_test(mailboxes),
        cmocka_unit_test(send_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
