/* Guest snippets for badinput.c */
    .text
    .globl g_storm, g_sys
/* a1 round trips of hvcl 1, then hvcl 0 */
g_storm:    hvcl   1
            addi.d $a1, $a1, -1
            bnez   $a1, g_storm
            hvcl   0
g_sys:      syscall 0
            hvcl   0
