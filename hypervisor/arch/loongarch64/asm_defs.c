/*
 * Offsets and sizes the assembly needs, taken from the C layout. Compiled to
 * assembly only; the Makefile turns each "->NAME value" line into a #define
 * of the generated <generated/asm_offsets.h>.
 */
#include "core/vcpu.h"

#define DEFINE(sym, val)      __asm__ volatile("\n.ascii \"->" #sym " %0\"\n" ::"i"(val))
#define OFFSET(sym, str, mem) DEFINE(sym, __builtin_offsetof(struct str, mem))

void asm_defs(void);
void asm_defs(void)
{
    OFFSET(VCPU_GPR0, vcpu, arch.regs.gpr);
    OFFSET(VCPU_PC, vcpu, arch.regs.pc);
    OFFSET(VCPU_ESTAT, vcpu, arch.regs.estat);
    OFFSET(VCPU_BADV, vcpu, arch.regs.badv);
    OFFSET(VCPU_BADI, vcpu, arch.regs.badi);
    OFFSET(VCPU_STACK_TOP, vcpu, arch.regs.stack_top);
    OFFSET(VCPU_TLBR_GPR0, vcpu, arch.regs.tlbr_gpr);
    DEFINE(STACK_SIZE, CONFIG_STACK_SIZE);
    DEFINE(MAX_CPUS, CONFIG_MAX_CPUS);
}
