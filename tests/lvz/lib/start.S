/* Entry, root exception vectors and the root<->trap<->continuation switches. */
#define KS0 0x30
#define KS1 0x31
#define KS2 0x32
#define ERA 0x6
#define PRMD 0x1

    .section .text.start, "ax"
    .globl _start
_start:
    la.abs  $sp, boot_stack_top
    bl      cmain
1:  b       1b

/* Save every GPR of the trapped context into tf (sp came in through a KScratch). */
.macro SAVE_ALL ks, kind
    csrwr   $sp, \ks
    la.abs  $sp, tf
    st.d    $r1, $sp, 8
    st.d    $r2, $sp, 16
    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    st.d    $r\n, $sp, \n*8
    .endr
    csrrd   $t0, \ks
    st.d    $t0, $sp, 24
    li.w    $a0, \kind
    b       trap_common
.endm

    .section .text.vectors, "ax"
    .balign 4096
    .globl vec_general
vec_general:
    SAVE_ALL KS0, 0
    .balign 4096
    .globl vec_tlbr
vec_tlbr:
    SAVE_ALL KS1, 1
    .balign 4096
    .globl vec_merr
vec_merr:
    SAVE_ALL KS2, 2

trap_common:
    la.abs  $sp, trap_stack_top
    bl      trap_c
    bnez    $a0, trap_abort
    /* resume the trapped context exactly where ERA/TLBRERA says */
    la.abs  $sp, tf
    ld.d    $r1, $sp, 8
    ld.d    $r2, $sp, 16
    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld.d    $r\n, $sp, \n*8
    .endr
    ld.d    $sp, $sp, 24
    ertn

/* longjmp to the continuation saved by run_catch / run_plv3 / guest_enter */
trap_abort:
    la.abs  $t0, jb
    ld.d    $ra, $t0, 0
    ld.d    $sp, $t0, 8
    ld.d    $fp, $t0, 16
    .irp n, 23,24,25,26,27,28,29,30,31
    ld.d    $r\n, $t0, (\n-20)*8
    .endr
    li.w    $a0, 1
    jr      $ra

.macro SAVE_JB
    la.abs  $t0, jb_armed
    li.w    $t1, 1
    st.d    $t1, $t0, 0
    la.abs  $t0, jb
    st.d    $ra, $t0, 0
    st.d    $sp, $t0, 8
    st.d    $fp, $t0, 16
    .irp n, 23,24,25,26,27,28,29,30,31
    st.d    $r\n, $t0, (\n-20)*8
    .endr
.endm

    .text
/* long run_catch(void (*fn)(void *), void *arg) */
    .globl run_catch
run_catch:
    SAVE_JB
    move    $t1, $a0
    move    $a0, $a1
    jirl    $ra, $t1, 0
    la.abs  $t0, jb_armed
    st.d    $zero, $t0, 0
    la.abs  $t0, jb
    ld.d    $ra, $t0, 0
    li.w    $a0, 0
    jr      $ra

/* long run_plv3(void (*fn)(void)): ertn to fn at PLV3, IE off; fn must trap */
    .globl run_plv3
run_plv3:
    SAVE_JB
    csrwr   $a0, ERA
    li.w    $t0, 3
    csrwr   $t0, PRMD
    ertn

/* long guest_enter(u64 *regs, u64 pc, u64 prmd): GSTAT/GTLBC prepared by the caller */
    .globl guest_enter
guest_enter:
    SAVE_JB
    csrwr   $a1, ERA
    csrwr   $a2, PRMD
    ld.d    $r1, $a0, 8
    ld.d    $r2, $a0, 16
    ld.d    $r3, $a0, 24
    .irp n, 5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld.d    $r\n, $a0, \n*8
    .endr
    ld.d    $r4, $a0, 32
    ertn

    .bss
    .balign 16
    .globl tf
tf: .space 32*8
jb: .space 16*8
    .globl jb_armed
jb_armed: .space 8
    .balign 16
    .space 8192
trap_stack_top:
    .space 16384
boot_stack_top:
