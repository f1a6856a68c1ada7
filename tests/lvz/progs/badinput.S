/* Guest snippets for badinput.c */
    .text
    .globl g_storm, g_ld, g_st, g_sys, g_walk_ld, g_tlbr_walk
/* a1 round trips of hvcl 1, then hvcl 0 */
g_storm:    hvcl   1
            addi.d $a1, $a1, -1
            bnez   $a1, g_storm
            hvcl   0
g_ld:       ld.d   $a0, $a1, 0
            hvcl   0
g_st:       st.d   $a2, $a1, 0
            hvcl   0
g_sys:      syscall 0
            hvcl   0
g_walk_ld:  ld.d   $a0, $a5, 0
            hvcl   0

/* A guest TLB refill handler that walks the guest page table like Linux does. */
    .balign 4096
g_tlbr_walk:
            csrwr  $t0, 0x8b
            csrrd  $t0, 0x1b
            lddir  $t0, $t0, 1
            ldpte  $t0, 0
            ldpte  $t0, 1
            tlbfill
            csrrd  $t0, 0x8b
            ertn
