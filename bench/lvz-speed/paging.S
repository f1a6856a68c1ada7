/* The paging set-up and TLB refill handler that native and guest runs share. */
#include <loongarch/regs.h>

#include "layout.h"

/* Identity map on demand, one page pair per refill. The same code is
 * the root's refill handler (root pages, and stage 2 while the guest runs:
 * TLBRBADV is then the GPA and tlbfill tags the entry with TGID) and the
 * guest's own (stage 1, on the guest CSRs). */
    .text
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
    li.w    $t0, CRMD_PAGED
    csrwr   $t0, CSR_CRMD
    jr      $ra

    .globl paging_off
paging_off:
    li.w    $t0, CRMD_DA
    csrwr   $t0, CSR_CRMD
    jr      $ra
