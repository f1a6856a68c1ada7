/*
 * Boot entry. QEMU's direct boot starts CPU0 here in DA mode with a0-a2 from its
 * loader; secondaries come to secondary_entry from QEMU's mailbox loop, also in
 * DA mode. Both switch to the DMW windows, take their own stack and call C.
 */
#include <arch/csr.h>
#include <arch/mm.h>
#include <generated/asm_offsets.h>


.macro ENTER_DMW
    li.d    $t0, DMW_UNCACHED_BASE | DMW_PLV0 | DMW_MAT_SUC
    csrwr   $t0, CSR_DMW0
    li.d    $t0, DMW_CACHED_BASE | DMW_PLV0 | DMW_MAT_CC
    csrwr   $t0, CSR_DMW1
    csrwr   $zero, CSR_DMW2
    csrwr   $zero, CSR_DMW3
    la.abs  $t0, 1f
    jirl    $zero, $t0, 0
1:
    li.w    $t0, CRMD_PG | CRMD_DATF_CC | CRMD_DATM_CC
    csrwr   $t0, CSR_CRMD
    csrwr   $zero, CSR_PRMD
    csrwr   $zero, CSR_ECFG
.endm

    .section .text.boot, "ax"
    .globl _start
_start:
    ENTER_DMW
    move    $s0, $a0
    move    $s1, $a1
    move    $s2, $a2
    /* .bss is cleared here once, by the boot CPU, before any secondary runs. */
    la.abs  $t0, __bss_start
    la.abs  $t1, __bss_end
2:  bgeu    $t0, $t1, 3f
    st.d    $zero, $t0, 0
    addi.d  $t0, $t0, 8
    b       2b
3:  la.abs  $sp, cpu_stacks
    li.d    $t0, STACK_SIZE
    add.d   $sp, $sp, $t0
    move    $a0, $s0
    move    $a1, $s1
    move    $a2, $s2
    bl      boot_main
4:  idle    0
    b       4b

    .globl secondary_entry
secondary_entry:
    ENTER_DMW
    csrrd   $a0, CSR_CPUID
    andi    $a0, $a0, 0x1ff
    li.d    $t1, MAX_CPUS
    bgeu    $a0, $t1, 5f
    la.abs  $sp, cpu_stacks
    addi.d  $t0, $a0, 1
    li.d    $t1, STACK_SIZE
    mul.d   $t0, $t0, $t1
    add.d   $sp, $sp, $t0
    bl      secondary_main
5:  idle    0
    b       5b

    .section .bss.stacks, "aw", @nobits
    .balign 4096
    .globl cpu_stacks
cpu_stacks:
    .space STACK_SIZE * MAX_CPUS
