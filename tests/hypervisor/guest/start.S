/*
 * Bare-metal test guest for lvisor: the assembly guest.c needs. The boot
 * vCPU starts in the bare-metal library's _start, which calls main.
 */
#include <loongarch/regs.h>

    .text
    .globl main
main:                                   /* guest.c calls its entry guest_main */
    b       guest_main

/* Secondary vCPUs: entered at the mailbox address, DA mode, no stack. */
    .globl secondary_start
secondary_start:
    csrrd   $t0, CSR_CPUID
    andi    $t0, $t0, 0x3
    slli.d  $t0, $t0, 12
    la.pcrel $sp, stacks
    add.d   $sp, $sp, $t0
    li.d    $t1, 4096
    add.d   $sp, $sp, $t1
    csrrd   $a0, CSR_CPUID
    bl      secondary_main
2:  idle    0
    b       2b

/* *sym += 1, with \tmp and \val as scratch */
.macro COUNT sym, tmp, val
    la.pcrel \tmp, \sym
    ld.d    \val, \tmp, 0
    addi.d  \val, \val, 1
    st.d    \val, \tmp, 0
.endm

/*
 * Exception entry, on every vCPU: count interrupts (ack the timer), skip
 * faulting instructions. Three KScratch CSRs instead of a stack keep every
 * GPR as it was for gprs_across_spin.
 */
    .balign 64
    .globl guest_vector
guest_vector:
    csrwr   $t0, CSR_KS0
    csrwr   $t1, CSR_KS1
    csrwr   $t2, CSR_KS2
    csrrd   $t0, CSR_ESTAT
    la.pcrel $t1, last_estat
    st.d    $t0, $t1, 0
    srli.d  $t1, $t0, ESTAT_ECODE_SHIFT
    andi    $t1, $t1, 0x3f
    bnez    $t1, 3f
    /* interrupt: timer -> ack; IPI bit -> count */
    andi    $t2, $t0, 1 << INT_TI
    beqz    $t2, 4f
    li.w    $t2, TICLR_CLR
    csrwr   $t2, CSR_TICLR
    COUNT   timer_irqs, $t1, $t2
4:  srli.d  $t2, $t0, INT_IPI
    andi    $t2, $t2, 1
    beqz    $t2, 5f
    /* IPI: clear our (emulated) IPI status */
    li.w    $t1, IOCSR_IPI_STATUS
    iocsrrd.w $t2, $t1
    li.w    $t1, IOCSR_IPI_CLEAR
    iocsrwr.w $t2, $t1
    COUNT   ipi_irqs, $t1, $t2
    b       5f
3:  /* exception: record, step over the faulting instruction */
    COUNT   exceptions, $t1, $t2
    csrrd   $t1, CSR_ERA
    addi.d  $t1, $t1, 4
    csrwr   $t1, CSR_ERA
5:  csrrd   $t0, CSR_KS0
    csrrd   $t1, CSR_KS1
    csrrd   $t2, CSR_KS2
    ertn

/*
 * void gprs_across_NAME(u64 a0, u64 *out): every GPR but sp, a0 and a1
 * holds GPR_PATTERN(n) across one exiting instruction (hvcl 0, or cpucfg
 * into a0), or (spin) across a wait until the word at a0 is non-zero, while
 * interrupts come and go; out[n] gets what each held afterwards. lvisor
 * saves a different set of registers for each kind of exit; the guest must
 * see none of that.
 */
#define GPR_PATTERN(n) (0x5a00a5005a00a500 + (n))
/* The caller's ra, tp, a1 (out), r21 and s-registers to (st.d) or from (ld.d)
 * the first 128 bytes of the frame */
.macro GPRS_CALLER op
    .set    slot, 0
    .irp n, 1,2,5,21,22,23,24,25,26,27,28,29,30,31
    \op     $r\n, $sp, slot
    .set    slot, slot + 8
    .endr
.endm

.macro GPRS_PROLOGUE name
    .globl gprs_across_\name
gprs_across_\name:
    addi.d  $sp, $sp, -384
    GPRS_CALLER st.d
    .irp n, 1,2,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    li.d    $r\n, GPR_PATTERN(\n)
    .endr
.endm

.macro GPRS_EPILOGUE
    .irp n, 1,2,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    st.d    $r\n, $sp, 128 + \n * 8
    .endr
    GPRS_CALLER ld.d
    li.w    $t0, 0
1:  addi.d  $t1, $sp, 128
    ldx.d   $t2, $t1, $t0
    stx.d   $t2, $a1, $t0
    addi.d  $t0, $t0, 8
    li.w    $t1, 256
    blt     $t0, $t1, 1b
    addi.d  $sp, $sp, 384
    ret
.endm

    GPRS_PROLOGUE hvc
    hvcl    0
    GPRS_EPILOGUE

    GPRS_PROLOGUE cpucfg
    cpucfg  $a0, $a0
    GPRS_EPILOGUE

    GPRS_PROLOGUE spin
2:  ld.d    $a1, $a0, 0
    beqz    $a1, 2b
    GPRS_EPILOGUE

    .bss
    .balign 4096
stacks:
    .space 4096 * 4
