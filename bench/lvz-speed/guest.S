/* The guest side's entry and exception vector. */
#include <loongarch/regs.h>

/* Guest entry, in guest DA mode: own stack, run, report with hvcl 0. */
    .text
    .globl guest_entry
guest_entry:
    la.abs  $sp, guest_stack_top
    bl      guest_main
    hvcl    0
1:  b       1b

/* Guest EENTRY: no exception is expected in the guest besides its refills. */
    .balign 4096
    .globl guest_fault_vec
guest_fault_vec:
    csrrd   $a0, CSR_ESTAT
    csrrd   $a1, CSR_ERA
    hvcl    1

    .bss
    .balign 16
    .space 16384
guest_stack_top:
