/* Guest snippet for gcsr.c: read back what the root put in the guest CSR file. */
    .text
    .globl g_read_ks
g_read_ks:
    csrrd   $a0, 0x30
    csrrd   $a1, 0x37
    csrrd   $a2, 0x183
    csrrd   $a3, 0x8b
    hvcl    0
