/* One-instruction helpers: CPUCFG, an IOCSR write, TLB maintenance, idle. */
#ifndef BAREMETAL_INSN_H
#define BAREMETAL_INSN_H

#include <baremetal/types.h>

static inline u32 cpucfg(u32 word)
{
    u64 v;
    __asm__ volatile("cpucfg %0, %1" : "=r"(v) : "r"((u64)word));
    return (u32)v;
}

static inline void iocsr_wr32(u64 addr, u32 v)
{
    __asm__ volatile("iocsrwr.w %0, %1" ::"r"(v), "r"(addr) : "memory");
}

#define invtlb(op, rj, rk)                                                                         \
    __asm__ volatile("invtlb %0, %1, %2" ::"i"(op), "r"((u64)(rj)), "r"((u64)(rk)) : "memory")
static inline void tlbwr(void) { __asm__ volatile("tlbwr" ::: "memory"); }
static inline void tlbfill(void) { __asm__ volatile("tlbfill" ::: "memory"); }
static inline void tlbrd(void) { __asm__ volatile("tlbrd" ::: "memory"); }
static inline void tlbsrch(void) { __asm__ volatile("tlbsrch" ::: "memory"); }
static inline void gtlbflush(void) { __asm__ volatile("gtlbflush" ::: "memory"); }

/* Waits for an interrupt pending in ESTAT & ECFG.LIE, whatever CRMD.IE says
 * (in a guest it exits to the hypervisor, which waits for it). */
static inline void idle(void) { __asm__ volatile("idle 0" ::: "memory"); }

#endif
