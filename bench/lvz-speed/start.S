/* Entry, exception vectors and mode switches of the speed bench. */
#include "csr.h"

    .section .text.start, "ax"
    .globl _start
_start:
    la.abs  $sp, root_stack_top
    bl      bench_main
1:  b       1b

/* Callee-saved state of the root, for returning from a guest exit. */
.macro SAVE_JB
    la.abs  $t0, jb
    st.d    $ra, $t0, 0
    st.d    $sp, $t0, 8
    st.d    $fp, $t0, 16
    .irp n, 23,24,25,26,27,28,29,30,31
    st.d    $r\n, $t0, (\n-20)*8
    .endr
.endm

    .text
/* long enter_guest(uint64_t pc): ertn into guest mode (GID 1, DA per the
 * guest CRMD). Returns 1 when root_vec catches the exit. */
    .globl enter_guest
enter_guest:
    SAVE_JB
    csrwr   $a0, CSR_ERA
    csrwr   $zero, CSR_PRMD
    lu12i.w $t0, GUEST_GID << 4          /* GSTAT.GID = 1 */
    ori     $t0, $t0, 2                  /* GSTAT.PVM: ertn enters the guest */
    csrwr   $t0, CSR_GSTAT
    lu12i.w $t0, (GUEST_GID << 4) | 1    /* GTLBC.TGID = 1, USETGID */
    csrwr   $t0, CSR_GTLBC
    ertn

/* Identity map on demand, one page pair per refill. The same code is
 * the root's refill handler (root pages, and stage 2 while the guest runs:
 * TLBRBADV is then the GPA and tlbfill tags the entry with TGID) and the
 * guest's own (stage 1, on the guest CSRs). */
    .balign 4096
    .globl tlbr_vec
tlbr_vec:
    csrwr   $t0, CSR_KS0
    csrwr   $t1, CSR_KS1
    csrrd   $t0, CSR_TLBRBADV
    bstrins.d $t0, $zero, PAGE_SHIFT, 0  /* even page of the pair */
    ori     $t0, $t0, 0x53               /* V, D, MAT = CC, G */
    lu12i.w $t1, PAGE_SIZE >> 12
    add.d   $t1, $t0, $t1
    csrwr   $t0, CSR_TLBRELO0
    csrwr   $t1, CSR_TLBRELO1
    tlbfill
    csrrd   $t0, CSR_KS0
    csrrd   $t1, CSR_KS1
    ertn

/* Root: every exception lands here. From the guest it is the end of a run
 * (hvcl) or a fault; either way record it and return from enter_guest. */
    .balign 4096
    .globl root_vec
root_vec:
    la.abs  $t0, exit_info
    csrrd   $t1, CSR_ESTAT
    st.d    $t1, $t0, 0
    csrrd   $t1, CSR_ERA
    st.d    $t1, $t0, 8
    csrrd   $t1, CSR_BADV
    st.d    $t1, $t0, 16
    csrrd   $t1, CSR_BADI
    st.d    $t1, $t0, 24
    st.d    $a0, $t0, 32
    st.d    $a1, $t0, 40
    csrrd   $t1, CSR_GSTAT
    st.d    $t1, $t0, 48
    csrwr   $zero, CSR_GSTAT             /* PVM off, GID 0 */
    csrwr   $zero, CSR_GTLBC             /* root TLB writes tag GID 0 again */
    li.w    $t1, CRMD_DA
    csrwr   $t1, CSR_CRMD
    la.abs  $t0, jb
    ld.d    $ra, $t0, 0
    ld.d    $sp, $t0, 8
    ld.d    $fp, $t0, 16
    .irp n, 23,24,25,26,27,28,29,30,31
    ld.d    $r\n, $t0, (\n-20)*8
    .endr
    li.w    $a0, 1
    jr      $ra

/* Guest EENTRY: no exception is expected in the guest besides its refills. */
    .balign 4096
    .globl guest_fault_vec
guest_fault_vec:
    csrrd   $a0, CSR_ESTAT
    csrrd   $a1, CSR_ERA
    hvcl    1

/* Guest entry, in guest DA mode: own stack, run, report with hvcl 0. */
    .globl guest_entry
guest_entry:
    la.abs  $sp, guest_stack_top
    bl      guest_main
    hvcl    0
1:  b       1b

/* Both modes use exactly the same paging set-up. */
    .globl paging_on
paging_on:
    la.abs  $t0, tlbr_vec
    csrwr   $t0, CSR_TLBRENTRY
    li.w    $t0, PAGE_SHIFT
    csrwr   $t0, CSR_STLBPS
    li.w    $t0, PAGE_SHIFT
    csrwr   $t0, CSR_TLBREHI
    csrwr   $zero, CSR_ASID
    invtlb  0, $zero, $zero
    li.w    $t0, CRMD_PG
    csrwr   $t0, CSR_CRMD
    jr      $ra

    .globl paging_off
paging_off:
    li.w    $t0, CRMD_DA
    csrwr   $t0, CSR_CRMD
    jr      $ra

    .bss
    .balign 16
    .globl jb, exit_info
jb: .space 12*8
exit_info: .space 7*8
    .balign 16
    .space 16384
root_stack_top:
    .space 16384
guest_stack_top:
