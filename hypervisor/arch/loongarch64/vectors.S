/*
 * Root-mode exception vectors and the world switch.
 *
 * lvisor itself runs with CRMD.IE = 0 and never takes a TLB refill (it lives in
 * the DMW windows), so every general exception, interrupt and refill that lands
 * here comes from the guest running on this CPU. KS_CPU holds this CPU's
 * struct vcpu, whose first part is the guest register frame.
 */
#include <arch/csr.h>
#include <arch/mm.h>
#include <generated/asm_offsets.h>

#define VCPU_GPR(n) (VCPU_GPR0 + (n) * 8)
#define VCPU_TLBR_GPR(n) (VCPU_TLBR_GPR0 + (n) * 8)

/*
 * The GPRs split by the calling convention. C preserves the callee-saved set
 * (fp, s0-s8 = r22-r31) and never touches tp (r2) or the reserved r21, so an
 * exit whose handler reads no guest GPR beyond the arguments (HVC, interrupts)
 * leaves those in the registers: 12 stores and 12 loads fewer per exit.
 * $t0 (r12) is the frame pointer here and is saved through KS_TMP.
 */
#define CALLER_SAVED 1,3,4,5,6,7,8,9,10,11,13,14,15,16,17,18,19,20
#define CALLEE_SAVED 2,21,22,23,24,25,26,27,28,29,30,31

.macro SAVE_GPRS base, off, regs:vararg
    .irp n, \regs
    st.d    $r\n, \base, \off + \n * 8
    .endr
.endm

.macro LOAD_GPRS base, off, regs:vararg
    .irp n, \regs
    ld.d    $r\n, \base, \off + \n * 8
    .endr
.endm

/*
 * Vector entry: $t0 := this CPU's struct vcpu (KS_CPU), the caller-saved GPRs
 * into its frame at \off, the guest's $t0 through the scratch CSR \ks.
 */
.macro ENTER_FRAME ks, off
    csrwr   $t0, \ks
    csrrd   $t0, KS_CPU
    SAVE_GPRS $t0, \off, CALLER_SAVED
    csrrd   $t1, \ks
    st.d    $t1, $t0, \off + 12 * 8
.endm

    .section .text.vectors, "ax"

/*
 * General exceptions and interrupts (ECFG.VS = 0: one entry for all).
 * HVC and interrupt exits take the short path: their handlers read only
 * a0-a7 and the CSRs, so only the caller-saved GPRs go through the frame
 * (see struct vcpu). Every other exit saves the whole frame.
 */
    .balign 4096
    .globl vec_general
vec_general:
    ENTER_FRAME KS_TMP, VCPU_GPR(0)
    csrrd   $t1, CSR_ERA
    st.d    $t1, $t0, VCPU_PC
    csrrd   $t1, CSR_ESTAT
    st.d    $t1, $t0, VCPU_ESTAT
    ld.d    $sp, $t0, VCPU_STACK_TOP
    move    $a0, $t0
    bstrpick.d $t1, $t1, ESTAT_ECODE_SHIFT + 5, ESTAT_ECODE_SHIFT
    beqz    $t1, .Lshort_exit
    addi.d  $t1, $t1, -ECODE_HVC
    beqz    $t1, .Lshort_exit
    SAVE_GPRS $t0, VCPU_GPR(0), CALLEE_SAVED
    csrrd   $t1, CSR_BADV
    st.d    $t1, $t0, VCPU_BADV
    csrrd   $t1, CSR_BADI
    st.d    $t1, $t0, VCPU_BADI
    bl      arch_handle_exit
    /* fall through: arch_handle_exit returns the vcpu to run (a0) */

/* void vcpu_arch_enter(struct vcpu *v): load the whole guest frame and ertn into guest mode. */
    .globl vcpu_arch_enter
vcpu_arch_enter:
    move    $t0, $a0
    LOAD_GPRS $t0, VCPU_GPR(0), CALLEE_SAVED
    b       .Lenter

.Lshort_exit:
    bl      arch_handle_exit
    move    $t0, $a0
.Lenter:
    ld.d    $t1, $t0, VCPU_PC
    csrwr   $t1, CSR_ERA
    /* root IE after ertn: host interrupts exit the guest */
    li.w    $t1, PRMD_PIE
    csrwr   $t1, CSR_PRMD
    li.w    $t1, GSTAT_PVM
    csrxchg $t1, $t1, CSR_GSTAT
    LOAD_GPRS $t0, VCPU_GPR(0), CALLER_SAVED
    ld.d    $t0, $t0, VCPU_GPR(12)
    ertn

/*
 * Stage-2 TLB refill. Runs in DA mode at its physical address; lvisor's
 * pointers are DMW addresses, which DA mode accepts (it drops the high bits).
 */
    .balign 4096
    .globl vec_tlbr
vec_tlbr:
    /* stage2_tlb_refill is C: it preserves the callee-saved GPRs itself */
    ENTER_FRAME KS_TLBR_TMP, VCPU_TLBR_GPR(0)
    ld.d    $sp, $t0, VCPU_STACK_TOP
    move    $a0, $t0
    bl      stage2_tlb_refill
    csrrd   $t0, KS_CPU
    LOAD_GPRS $t0, VCPU_TLBR_GPR(0), CALLER_SAVED
    ld.d    $t0, $t0, VCPU_TLBR_GPR(12)
    ertn

/* Machine error: report and stop this CPU (DA mode, like the refill). */
    .balign 4096
    .globl vec_merr
vec_merr:
    csrwr   $t0, KS_MERR_TMP
    csrrd   $t0, KS_CPU
    ld.d    $sp, $t0, VCPU_STACK_TOP
    bl      machine_error
1:  idle    0
    b       1b
