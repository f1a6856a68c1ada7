/* Guest snippets for stage2.c. Inputs in a1..a5, result in a0, end with hvcl 0. */
    .text
    .globl g_jr, g_tlbwr_ld, g_ld5, g_invtlb0, g_tlbsrch
g_jr:       jirl   $ra, $a1, 0
            hvcl   0
/* write one guest (stage-1) TLB entry from a1..a4, then load from GVA a5 */
g_tlbwr_ld: csrwr  $a1, 0x11
            csrwr  $a2, 0x12
            csrwr  $a3, 0x13
            csrwr  $a4, 0x10
            tlbwr
g_ld5:      ld.d   $a0, $a5, 0
            hvcl   0
/* guest-side TLB maintenance: invtlb 0 (all of its own entries), tlbsrch for TLBEHI = a1 */
g_invtlb0:  invtlb 0x0, $zero, $zero
            hvcl   0
g_tlbsrch:  csrwr  $a1, 0x11
            tlbsrch
            csrrd  $a0, 0x10
            hvcl   0
