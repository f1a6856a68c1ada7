/* Guest snippets for timer.c */
    .text
    .globl g_wr_estat, g_rdtime, g_estat, g_spin, g_spin_loop
g_wr_estat:  csrwr    $a1, 0x5
             csrrd    $a0, 0x5
             hvcl     0
g_rdtime:    rdtime.d $a0, $zero
             hvcl     0
g_estat:     csrrd    $a0, 0x5
             hvcl     0
/* wait (bounded) for an interrupt to reach the guest's EENTRY; hvcl 0 if none came */
g_spin:      li.w     $t0, 2000000
g_spin_loop: addi.d   $t0, $t0, -1
             bnez     $t0, g_spin_loop
             hvcl     0
