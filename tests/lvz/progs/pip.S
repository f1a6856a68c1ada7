/* Guest snippets for pip.c */
    .text
    .globl p_estat, p_spin, p_spin_loop
p_estat:     csrrd    $a0, 0x5
             hvcl     0
p_spin:      li.w     $t0, 2000000
p_spin_loop: addi.d   $t0, $t0, -1
             bnez     $t0, p_spin_loop
             hvcl     0
