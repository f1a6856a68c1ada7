/*
 * TLB refill by a page walk, as Linux's handle_tlb_refill (mm/tlbex.S): an
 * lddir per directory level listed, ldpte of the even and odd page, tlbfill,
 * ertn; t0 is kept in TLBRSAVE.
 */
#include <loongarch/regs.h>

.macro WALK_REFILL name, levels:vararg
    .balign 4096
    .globl \name
\name:
    csrwr   $t0, CSR_TLBRSAVE
    csrrd   $t0, CSR_PGD
    .irp l, \levels
    lddir   $t0, $t0, \l
    .endr
    ldpte   $t0, 0
    ldpte   $t0, 1
    tlbfill
    csrrd   $t0, CSR_TLBRSAVE
    ertn
.endm

    .text
/* The root's, on the 3-level stage-2 table at root PGDL, as KVM's host does. */
    WALK_REFILL s2_walk_tlbr, 2, 1
/* A guest's own, on its 2-level table (guest PGDL, PWCTL0). */
    WALK_REFILL g_walk_tlbr, 1
