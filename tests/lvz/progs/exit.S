/* Guest snippets for exit.c: each runs in guest mode and ends in hvcl 0 (HVC_DONE). */
    .text
    .globl g_hvcl, g_regs, g_csrview, g_cpucfg, g_idle, g_cacop, g_iocsrrd, g_iocsrwr
    .globl g_ks8, g_gstat, g_gcfg, g_gtlbc, g_merrctl, g_impctl1, g_debug, g_db0addr
    .globl g_gcsrrd, g_gtlbflush, g_syscall, g_plv3_hvcl, g_plv3_csrrd, g_plv3_cpucfg
    .globl g_csrwr_gstat, g_after, p3_hvcl, p3_csrrd, p3_cpucfg
    .globl r3_gcsrrd, r3_gcsrwr, r3_gcsrxchg, r3_gtlbflush, r_hvcl

g_hvcl:      hvcl   0x5a
             hvcl   0
g_regs:      addi.d $a0, $a0, 1
             addi.d $a7, $a7, -1
             hvcl   0
/* the guest's csr* act on its own CSR file: KS0 and CRMD as set by the root with gcsrwr */
g_csrview:   csrrd  $a0, 0x30
             csrrd  $a1, 0x0
             hvcl   0
g_cpucfg:    cpucfg $a0, $a1
g_after:     hvcl   0
g_idle:      idle   0
             hvcl   0
g_cacop:     cacop  0x8, $a1, 0
             hvcl   0
g_iocsrrd:   iocsrrd.w $a0, $a1
             hvcl   0
g_iocsrwr:   iocsrwr.d $a0, $a1
             hvcl   0
g_ks8:       csrrd  $a0, 0x38
             hvcl   0
g_gstat:     csrrd  $a0, 0x50
             hvcl   0
g_gcfg:      csrrd  $a0, 0x51
             hvcl   0
g_gtlbc:     csrrd  $a0, 0x15
             hvcl   0
g_csrwr_gstat: csrwr $a0, 0x50
             hvcl   0
g_merrctl:   csrrd  $a0, 0x90
             hvcl   0
g_impctl1:   csrwr  $a0, 0x80
             hvcl   0
g_debug:     csrrd  $a0, 0x500
             hvcl   0
g_db0addr:   csrxchg $a0, $a1, 0x310
             hvcl   0
g_gcsrrd:    gcsrrd $a0, 0x30
             hvcl   0
g_gtlbflush: gtlbflush
             hvcl   0
g_syscall:   syscall 0x11
             hvcl   0
    .globl r_sys, g_fp, g_tlbsrch, g_invtlb12, g_plv3_idle, p3_idle
g_tlbsrch:   tlbsrch
             hvcl   0
g_invtlb12:  invtlb 0x12, $zero, $zero
             hvcl   0
g_fp:        movgr2fr.d $fa0, $zero
             hvcl   0

/* Drop the guest to PLV3 with its own ertn (guest PRMD/ERA), then run the target at a1. */
.macro TO_PLV3 target
             li.w   $t0, 3
             csrwr  $t0, 0x1
             la.abs $t0, \target
             csrwr  $t0, 0x6
             ertn
.endm
g_plv3_hvcl:   TO_PLV3 p3_hvcl
p3_hvcl:       hvcl   0x33
               hvcl   0
g_plv3_csrrd:  TO_PLV3 p3_csrrd
p3_csrrd:      csrrd  $a0, 0x30
               hvcl   0
g_plv3_cpucfg: TO_PLV3 p3_cpucfg
p3_cpucfg:     cpucfg $a0, $a1
               hvcl   0
g_plv3_idle:   TO_PLV3 p3_idle
p3_idle:       idle   0
               hvcl   0

/* root stubs: run at PLV3 by run_plv3, or at PLV0 by run_catch */
r3_gcsrrd:    gcsrrd   $a0, 0x30
              syscall  0
r3_gcsrwr:    gcsrwr   $a0, 0x30
              syscall  0
r3_gcsrxchg:  gcsrxchg $a0, $a2, 0x30
              syscall  0
r3_gtlbflush: gtlbflush
              syscall  0
r_hvcl:       hvcl     0x7
              ret
r_sys:        syscall  0
              ret
