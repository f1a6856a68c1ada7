/* long setjmp(jmp_buf), void longjmp(jmp_buf, long): see setjmp.h. */

/* ra, sp, fp and s0-s8 to (st.d) or from (ld.d) the jmp_buf at a0 */
.macro JMP_BUF op
    \op     $ra, $a0, 0
    \op     $sp, $a0, 8
    .irp n, 22,23,24,25,26,27,28,29,30,31
    \op     $r\n, $a0, (\n - 20) * 8
    .endr
.endm

    .text
    .globl setjmp
setjmp:
    JMP_BUF st.d
    move    $a0, $zero
    ret

    .globl longjmp
longjmp:
    JMP_BUF ld.d
    /* setjmp returns v, or 1 for v = 0, as in C */
    sltui   $t0, $a1, 1
    or      $a0, $a1, $t0
    ret
