/* Guest entry (DA mode, PLV0, IE off, as KVM creates a vCPU) and the single
 * exception vector (ECFG.VS = 0 sends everything to EENTRY). */
#include "../abi.h"

#define CSR_EENTRY 0xc

    .section .text.start, "ax"
    .globl _start
_start:
    la.abs  $sp, stack_top
    la.abs  $t0, trap_entry
    csrwr   $t0, CSR_EENTRY
    bl      guest_main
    /* Report main's status through the exit register; the VMM stops here. */
    li.d    $t0, MMIO_EXIT
    st.d    $a0, $t0, 0
1:  b       1b

/* Caller-saved registers only: trap() is a C function, so it preserves the rest. */
    .text
    .balign 4096
trap_entry:
    addi.d  $sp, $sp, -160
    st.d    $ra, $sp, 0
    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21
    st.d    $r\n, $sp, (\n-3)*8
    .endr
    bl      trap
    ld.d    $ra, $sp, 0
    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21
    ld.d    $r\n, $sp, (\n-3)*8
    .endr
    addi.d  $sp, $sp, 160
    ertn

    .bss
    .balign 16
    .space  16384
stack_top:
