/*
 * Timer-latency bench guest: entered in DA mode at the ELF entry, one CPU,
 * either as lvisor's root zone (guest mode) or directly on QEMU (root mode).
 * The exception entry only ever takes the timer interrupt: it notes the
 * counter when it runs and acknowledges the timer.
 */
#define CSR_KS0 0x30
#define CSR_KS1 0x31
#define CSR_TICLR 0x44

    .section .text.start, "ax"
    .globl _start
_start:
    la.pcrel $sp, stack_top
    bl      guest_main
1:  idle    0
    b       1b

    .text
    .balign 64
    .globl timer_vector
timer_vector:
    csrwr   $t0, CSR_KS0
    csrwr   $t1, CSR_KS1
    rdtime.d $t0, $zero
    la.pcrel $t1, fired_at
    st.d    $t0, $t1, 0
    li.w    $t0, 1
    csrwr   $t0, CSR_TICLR
    csrrd   $t0, CSR_KS0
    csrrd   $t1, CSR_KS1
    ertn

    .bss
    .balign 16
    .space 8192
stack_top:
