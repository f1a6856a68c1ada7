/* Root TLB refill handler for walk.c: the same walk Linux's handle_tlb_refill does
 * (mm/tlbex.S), on the stage-2 table at root PGDL, then tlbfill (tagged TGID) and ertn
 * back into the guest. */
    .text
    .balign 4096
    .globl walk_tlbr
walk_tlbr:
    csrwr   $t0, 0x8b
    csrrd   $t0, 0x1b
    lddir   $t0, $t0, 2
    lddir   $t0, $t0, 1
    ldpte   $t0, 0
    ldpte   $t0, 1
    tlbfill
    csrrd   $t0, 0x8b
    ertn

    .globl w_ld
w_ld:   ld.d   $a0, $a1, 0
        hvcl   0

/* The guest's own refill handler: a 2-level walk of the guest page table (guest PGDL,
 * guest PWCTL0), whose table loads are GPAs that go through stage 2 (A8.7). */
    .balign 4096
    .globl g_walk_tlbr, w_pg_ld
g_walk_tlbr:
    csrwr   $t0, 0x8b
    csrrd   $t0, 0x1b
    lddir   $t0, $t0, 1
    ldpte   $t0, 0
    ldpte   $t0, 1
    tlbfill
    csrrd   $t0, 0x8b
    ertn
w_pg_ld: ld.d  $a0, $a5, 0
         hvcl  0
