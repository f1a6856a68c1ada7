/* Code the guests run (lvz.h): the reporters and the snippets programs share. */
#include <loongarch/regs.h>

/* Guest-side reporters: the guest's own EENTRY / TLBRENTRY (guest CSR file) hand the
 * guest exception state to the root through hvcl, so the root can check that the
 * exception was taken by the guest and not by the root. */
    .text
    .balign 4096
    .globl guest_exc_entry
guest_exc_entry:
    csrrd   $a0, CSR_ESTAT
    csrrd   $a1, CSR_ERA
    csrrd   $a2, CSR_BADV
    csrrd   $a3, CSR_BADI
1:  hvcl    0x7f1
    b       1b

    .balign 4096
    .globl guest_tlbr_entry
guest_tlbr_entry:
    csrrd   $a0, CSR_TLBRBADV
    csrrd   $a1, CSR_TLBRERA
    csrrd   $a2, CSR_TLBREHI
1:  hvcl    0x7f2
    b       1b

/* Snippets: inputs in a1.., result in a0, end in hvcl 0. */
    .globl g_ld, g_st, g_estat, g_spin, g_spin_loop
g_ld:        ld.d     $a0, $a1, 0
             hvcl     0
g_st:        st.d     $a2, $a1, 0
             hvcl     0
g_estat:     csrrd    $a0, CSR_ESTAT
             hvcl     0
/* wait (bounded) for an interrupt to reach the guest's EENTRY; hvcl 0 if none came */
g_spin:      li.w     $t0, 2000000
g_spin_loop: addi.d   $t0, $t0, -1
             bnez     $t0, g_spin_loop
             hvcl     0
