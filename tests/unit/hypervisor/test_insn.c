/* Decoders checked against encodings printed by llvm-mc-19 -mattr=+lvz. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arch/loongarch64/insn.h"

static void loads_and_stores(void **state)
{
    (void)state;
    struct mem_insn m;
    assert_true(insn_decode_mem(0x283ff0a4, &m)); /* ld.b $a0, $a1, -4 */
    assert_int_equal(m.size, 1);
    assert_false(m.is_write);
    assert_true(m.sign_extend);
    assert_int_equal(m.rd, 4);
    assert_int_equal(m.rj, 5);
    assert_int_equal(m.imm, -4);
    assert_true(insn_decode_mem(0x29c0206c, &m)); /* st.d $t0, $sp, 8 */
    assert_int_equal(m.size, 8);
    assert_true(m.is_write);
    assert_int_equal(m.rd, 12);
    assert_int_equal(m.rj, 3);
    assert_int_equal(m.imm, 8);
    assert_true(insn_decode_mem(0x2a8000a4, &m)); /* ld.wu $a0, $a1, 0 */
    assert_int_equal(m.size, 4);
    assert_false(m.sign_extend);
    assert_true(insn_decode_mem(0x382418a4, &m)); /* ldx.hu $a0, $a1, $a2 */
    assert_int_equal(m.size, 2);
    assert_int_equal(m.mode, ADDR_REG);
    assert_int_equal(m.rk, 6);
    assert_false(m.sign_extend);
    assert_true(insn_decode_mem(0x381818a4, &m)); /* stx.w $a0, $a1, $a2 */
    assert_true(m.is_write);
    assert_int_equal(m.size, 4);
    assert_true(insn_decode_mem(0x260008a4, &m)); /* ldptr.d $a0, $a1, 8 */
    assert_int_equal(m.size, 8);
    assert_int_equal(m.imm, 8);
    assert_true(insn_decode_mem(0x25fffca4, &m)); /* stptr.w $a0, $a1, -4 */
    assert_true(m.is_write);
    assert_int_equal(m.imm, -4);
}

static void not_memory(void **state)
{
    (void)state;
    struct mem_insn m;
    assert_false(insn_decode_mem(0x00006ca4, &m)); /* cpucfg */
    assert_false(insn_decode_mem(0x2ac00000, &m)); /* preld */
    assert_false(insn_decode_mem(0x06488000, &m)); /* idle */
    assert_false(insn_decode_mem(0, &m));
    assert_false(insn_decode_mem(0x38580000, &m)); /* past ldx.wu */
}

static void gspr(void **state)
{
    (void)state;
    struct gspr_insn g = insn_decode_gspr(0x00006ca4); /* cpucfg $a0, $a1 */
    assert_int_equal(g.kind, GSPR_CPUCFG);
    assert_int_equal(g.rd, 4);
    assert_int_equal(g.rj, 5);
    g = insn_decode_gspr(0x064808a4); /* iocsrrd.w $a0, $a1 */
    assert_int_equal(g.kind, GSPR_IOCSR);
    assert_false(g.is_write);
    assert_int_equal(g.size, 4);
    g = insn_decode_gspr(0x06481ca4); /* iocsrwr.d $a0, $a1 */
    assert_int_equal(g.kind, GSPR_IOCSR);
    assert_true(g.is_write);
    assert_int_equal(g.size, 8);
    assert_int_equal(insn_decode_gspr(0x06488000).kind, GSPR_IDLE);
    assert_int_equal(insn_decode_gspr(0x06000080).kind, GSPR_CACOP);
    g = insn_decode_gspr(0x040014a4); /* csrxchg $a0, $a1, 5 */
    assert_int_equal(g.kind, GSPR_CSR);
    assert_int_equal(g.csr_op, CSR_OP_XCHG);
    assert_int_equal(g.csr, 5);
    assert_int_equal(insn_decode_gspr(0x06482401).kind, GSPR_UNKNOWN); /* gtlbflush */
    assert_int_equal(insn_decode_gspr(0x06482800).kind, GSPR_UNKNOWN); /* tlbsrch */
    assert_int_equal(insn_decode_gspr(0xffffffff).kind, GSPR_UNKNOWN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_and_stores),
        cmocka_unit_test(not_memory),
        cmocka_unit_test(gspr),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
