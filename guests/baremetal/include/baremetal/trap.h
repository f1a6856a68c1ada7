/*
 * Exception entry for programs on one CPU. Each vector saves every GPR of
 * the interrupted context into trap_regs, calls the program's trap() on a
 * stack of its own and, when trap() returns, resumes that context from
 * trap_regs with ertn (at ERA, or TLBRERA after a TLB refill). A trap() that
 * must not resume longjmps out instead.
 */
#ifndef BAREMETAL_TRAP_H
#define BAREMETAL_TRAP_H

#include <baremetal/types.h>

#define TRAP_GENERAL 0 /* EENTRY: exceptions and interrupts */
#define TRAP_TLBR 1    /* TLBRENTRY: TLB refill */
#define TRAP_MERR 2    /* MERRENTRY: machine error */

/* 4 KiB aligned, for EENTRY, TLBRENTRY and MERRENTRY. */
extern char trap_general[], trap_tlbr[], trap_merr[];
/* r0 unused; trap() may edit them before the context resumes. */
extern u64 trap_regs[32];

/* Each program that installs a vector defines it. */
void trap(long kind);

/*
 * ERA := pc, PRMD := prmd, every GPR but r0 from regs, then ertn: enters a
 * guest if GSTAT.PVM is set, otherwise root code at PRMD.PPLV.
 */
void eret_to(const u64 regs[32], u64 pc, u64 prmd) __attribute__((noreturn));

#endif
