/*
 * Hypercall bench loops (guest.c runs them). They are
 * written here so that their instruction count is known exactly: 4
 * instructions per iteration, the second being either a nop or `hvcl 0`.
 */

/* u64 loop_nop(u64 n): n x {ori a0; nop; addi; bnez}; returns rdtime ticks. */
    .text
    .globl loop_nop
loop_nop:
    move    $t0, $a0
    rdtime.d $t1, $zero
1:  ori     $a0, $zero, 0x7ff
    nop
    addi.d  $t0, $t0, -1
    bnez    $t0, 1b
    rdtime.d $t2, $zero
    sub.d   $a0, $t2, $t1
    ret

/* u64 loop_hvc(u64 n, u64 code, u64 arg): n x {move a0; hvcl 0; addi; bnez}. */
    .globl loop_hvc
loop_hvc:
    move    $t0, $a0
    move    $t3, $a1
    move    $a1, $a2
    rdtime.d $t1, $zero
1:  move    $a0, $t3
    hvcl    0
    addi.d  $t0, $t0, -1
    bnez    $t0, 1b
    rdtime.d $t2, $zero
    sub.d   $a0, $t2, $t1
    ret
