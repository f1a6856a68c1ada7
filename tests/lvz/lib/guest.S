/* Guest-side reporters: the guest's own EENTRY / TLBRENTRY (guest CSR file) hand the
 * guest exception state to the root through hvcl, so the root can check that the
 * exception was taken by the guest and not by the root. */
    .text
    .balign 4096
    .globl guest_exc_entry
guest_exc_entry:
    csrrd   $a0, 0x5
    csrrd   $a1, 0x6
    csrrd   $a2, 0x7
    csrrd   $a3, 0x8
1:  hvcl    0x7f1
    b       1b

    .balign 4096
    .globl guest_tlbr_entry
guest_tlbr_entry:
    csrrd   $a0, 0x89
    csrrd   $a1, 0x8a
    csrrd   $a2, 0x8e
1:  hvcl    0x7f2
    b       1b
