/* Bare-metal test guest for lvisor: entered in DA mode at the ELF entry. */
#define CSR_CRMD 0x0
#define CSR_ESTAT 0x5
#define CSR_ERA 0x6
#define CSR_KS0 0x30
#define CSR_KS1 0x31
#define CSR_KS2 0x32
#define CSR_TICLR 0x44
#define CSR_CPUID 0x20

    .section .text.start, "ax"
    .globl _start
_start:
    la.pcrel $sp, stack0_top
    bl      guest_main
1:  idle    0
    b       1b

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

/* Exception entry: count interrupts (ack the timer), skip faulting instructions. */
    .balign 64
    .globl guest_vector
guest_vector:
    csrwr   $t0, CSR_KS0
    csrwr   $t1, CSR_KS1
    csrwr   $t2, CSR_KS2
    csrrd   $t0, CSR_ESTAT
    la.pcrel $t1, last_estat
    st.d    $t0, $t1, 0
    srli.d  $t1, $t0, 16
    andi    $t1, $t1, 0x3f
    bnez    $t1, 3f
    /* interrupt: timer -> ack; IPI bit -> count */
    andi    $t2, $t0, 0x800
    beqz    $t2, 4f
    li.w    $t2, 1
    csrwr   $t2, CSR_TICLR
    la.pcrel $t1, timer_irqs
    ld.d    $t2, $t1, 0
    addi.d  $t2, $t2, 1
    st.d    $t2, $t1, 0
4:  srli.d  $t2, $t0, 12
    andi    $t2, $t2, 1
    beqz    $t2, 5f
    /* IPI: clear our (emulated) IPI status */
    li.w    $t1, 0x1000
    iocsrrd.w $t2, $t1
    li.w    $t1, 0x100c
    iocsrwr.w $t2, $t1
    la.pcrel $t1, ipi_irqs
    ld.d    $t2, $t1, 0
    addi.d  $t2, $t2, 1
    st.d    $t2, $t1, 0
    b       5f
3:  /* exception: record, step over the faulting instruction */
    la.pcrel $t1, exceptions
    ld.d    $t2, $t1, 0
    addi.d  $t2, $t2, 1
    st.d    $t2, $t1, 0
    csrrd   $t1, CSR_ERA
    addi.d  $t1, $t1, 4
    csrwr   $t1, CSR_ERA
5:  csrrd   $t0, CSR_KS0
    csrrd   $t1, CSR_KS1
    csrrd   $t2, CSR_KS2
    ertn

    .bss
    .balign 4096
stacks:
    .space 4096 * 4
    .space 8192
stack0_top:
