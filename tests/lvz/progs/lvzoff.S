/* Single LVZ instructions, each followed by ret: run_catch expects them to trap. */
    .text
    .globl off_gcsrrd, off_gcsrwr, off_gcsrxchg, off_gtlbflush, off_hvcl, off_invtlb12
off_gcsrrd:    gcsrrd   $a0, 0x5
               ret
off_gcsrwr:    gcsrwr   $a0, 0x30
               ret
off_gcsrxchg:  gcsrxchg $a0, $a2, 0x4
               ret
off_gtlbflush: gtlbflush
               ret
off_hvcl:      hvcl     0x100
               ret
off_invtlb12:  invtlb   0x12, $zero, $zero
               ret

/* framework self-checks that hold on any LoongArch CPU */
    .globl off_plv3_csrrd, off_plv3_gcsrrd, off_syscall
off_plv3_csrrd:  csrrd   $a0, 0x0
                 syscall 0
off_plv3_gcsrrd: gcsrrd  $a0, 0x5
                 syscall 0
off_syscall:     li.w    $a0, 1
                 syscall 0x5
                 addi.d  $a0, $a0, 1
                 ret
