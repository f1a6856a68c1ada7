/* void eret_to(const u64 regs[32], u64 pc, u64 prmd): see trap.h. */
#include <loongarch/regs.h>

    .text
    .globl eret_to
eret_to:
    csrwr   $a1, CSR_ERA
    csrwr   $a2, CSR_PRMD
    .irp n, 1,2,3,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld.d    $r\n, $a0, \n * 8
    .endr
    ld.d    $a0, $a0, 4 * 8
    ertn
