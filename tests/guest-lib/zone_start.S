/*
 * Entry of a one-CPU bare-metal zone guest (bench/hypercall,
 * bench/timer-latency): entered in DA mode at the ELF entry, it takes an
 * 8 KiB stack, calls guest_main and idles for good if that returns.
 */
    .section .text.start, "ax"
    .globl _start
_start:
    la.pcrel $sp, zone_stack_top
    bl      guest_main
1:  idle    0
    b       1b

    .bss
    .balign 16
    .space 8192
zone_stack_top:
