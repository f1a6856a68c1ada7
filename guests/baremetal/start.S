/*
 * Entry of a bare-metal program, in DA mode at the ELF entry (QEMU's direct
 * boot, lvisor or the KVM test VMM): a stack, then main(). main() normally
 * powers off or reports its status itself; if it returns, the CPU idles.
 */
    .section .text.start, "ax"
    .globl _start
_start:
    la.pcrel $sp, boot_stack_top
    bl      main
1:  idle    0
    b       1b

    .bss
    .balign 16
    .space  16384
boot_stack_top:
