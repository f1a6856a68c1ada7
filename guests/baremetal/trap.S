/* Exception vectors of trap.h: one global frame and one trap stack (one CPU). */
#include <loongarch/regs.h>

/* The interrupted sp goes through a KScratch CSR of its own per vector, as a
 * refill may interrupt a general exception handler. */
.macro VECTOR name, ks, kind
    .balign 4096
    .globl \name
\name:
    csrwr   $sp, \ks
    la.pcrel $sp, trap_regs
    st.d    $r1, $sp, 8
    st.d    $r2, $sp, 16
    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    st.d    $r\n, $sp, \n * 8
    .endr
    csrrd   $t0, \ks
    st.d    $t0, $sp, 24
    li.w    $a0, \kind
    b       trap_common
.endm

    .text
    /* kinds as trap.h numbers them */
    VECTOR trap_general, CSR_KS0, 0
    VECTOR trap_tlbr, CSR_KS1, 1
    VECTOR trap_merr, CSR_KS2, 2

trap_common:
    la.pcrel $sp, trap_stack_top
    bl      trap
    la.pcrel $a0, trap_regs
    csrrd   $a1, CSR_ERA
    csrrd   $a2, CSR_PRMD
    /* a refill returns through TLBRERA: ertn picks it, ERA/PRMD are only reloaded */
    b       eret_to

    .bss
    .balign 16
    .globl trap_regs
trap_regs:
    .space  32 * 8
    .balign 16
    .space  8192
trap_stack_top:
