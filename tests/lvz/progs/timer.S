/* Guest snippets for timer.c */
#include <loongarch/regs.h>

    .text
    .globl g_wr_estat, g_rdtime
g_wr_estat:  csrwr    $a1, CSR_ESTAT
             csrrd    $a0, CSR_ESTAT
             hvcl     0
g_rdtime:    rdtime.d $a0, $zero
             hvcl     0
