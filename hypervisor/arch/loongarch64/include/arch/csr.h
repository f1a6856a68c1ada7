/* CSR, guest-CSR, IOCSR and counter accessors; the register facts are in <loongarch/regs.h>. */
#ifndef ARCH_CSR_H
#define ARCH_CSR_H

#include <loongarch/regs.h>

/* Per-CPU scratch use by lvisor (root KScratch; the guest has its own copies). */
#define KS_CPU      CSR_KS0 /* this CPU's struct vcpu, for every vector */
#define KS_TMP      CSR_KS1 /* one GPR saved by the general vector */
#define KS_TLBR_TMP CSR_KS2 /* one GPR saved by the refill vector */
#define KS_MERR_TMP CSR_KS3 /* one GPR saved by the machine-error vector */

#ifndef __ASSEMBLY__
#include "lib/types.h"

#define __STR(x) #x
#define STR(x)   __STR(x)

#define csr_read(n)                                                                                \
    ({                                                                                             \
        u64 v_;                                                                                    \
        __asm__ volatile("csrrd %0, " STR(n) : "=r"(v_)::"memory");                                \
        v_;                                                                                        \
    })
#define csr_write(n, v)                                                                            \
    ({                                                                                             \
        u64 v_ = (v);                                                                              \
        __asm__ volatile("csrwr %0, " STR(n) : "+r"(v_)::"memory");                                \
        v_;                                                                                        \
    })
#define csr_xchg(n, v, m)                                                                          \
    ({                                                                                             \
        u64 v_ = (v);                                                                              \
        __asm__ volatile("csrxchg %0, %1, " STR(n) : "+r"(v_) : "r"((u64)(m)) : "memory");         \
        v_;                                                                                        \
    })
#define gcsr_read(n)                                                                               \
    ({                                                                                             \
        u64 v_;                                                                                    \
        __asm__ volatile("gcsrrd %0, " STR(n) : "=r"(v_)::"memory");                               \
        v_;                                                                                        \
    })
#define gcsr_write(n, v)                                                                           \
    ({                                                                                             \
        u64 v_ = (v);                                                                              \
        __asm__ volatile("gcsrwr %0, " STR(n) : "+r"(v_)::"memory");                               \
        v_;                                                                                        \
    })
#define gcsr_xchg(n, v, m)                                                                         \
    ({                                                                                             \
        u64 v_ = (v);                                                                              \
        __asm__ volatile("gcsrxchg %0, %1, " STR(n) : "+r"(v_) : "r"((u64)(m)) : "memory");        \
        v_;                                                                                        \
    })

/* IOCSR accesses of any size (1, 2, 4, 8 bytes): the one accessor pair lvisor uses. */
static inline u64 iocsr_read(u64 reg, u32 size)
{
    u64 v;
    switch (size) {
    case 1:
        __asm__ volatile("iocsrrd.b %0, %1" : "=r"(v) : "r"(reg) : "memory");
        break;
    case 2:
        __asm__ volatile("iocsrrd.h %0, %1" : "=r"(v) : "r"(reg) : "memory");
        break;
    case 4:
        __asm__ volatile("iocsrrd.w %0, %1" : "=r"(v) : "r"(reg) : "memory");
        break;
    default:
        __asm__ volatile("iocsrrd.d %0, %1" : "=r"(v) : "r"(reg) : "memory");
        break;
    }
    return v;
}

static inline void iocsr_write(u64 reg, u32 size, u64 v)
{
    switch (size) {
    case 1:
        __asm__ volatile("iocsrwr.b %0, %1" ::"r"(v), "r"(reg) : "memory");
        break;
    case 2:
        __asm__ volatile("iocsrwr.h %0, %1" ::"r"(v), "r"(reg) : "memory");
        break;
    case 4:
        __asm__ volatile("iocsrwr.w %0, %1" ::"r"(v), "r"(reg) : "memory");
        break;
    default:
        __asm__ volatile("iocsrwr.d %0, %1" ::"r"(v), "r"(reg) : "memory");
        break;
    }
}

static inline u32 cpucfg_read(u32 word)
{
    u64 v;
    __asm__ volatile("cpucfg %0, %1" : "=r"(v) : "r"((u64)word));
    return (u32)v;
}

static inline u64 rdtime(void)
{
    u64 v;
    __asm__ volatile("rdtime.d %0, $zero" : "=r"(v));
    return v;
}

static inline void cpu_idle(void) { __asm__ volatile("idle 0" ::: "memory"); }
static inline void dbar(void) { __asm__ volatile("dbar 0" ::: "memory"); }
static inline void invtlb_all(void) { __asm__ volatile("invtlb 0, $zero, $zero" ::: "memory"); }

/* Invalidate every TLB entry (both stages) of one guest id (invtlb op 0x15). */
static inline void invtlb_gid(u32 gid)
{
    __asm__ volatile("invtlb 0x15, %0, $zero" ::"r"((u64)gid << 16) : "memory");
}

static inline u32 this_cpu_id(void) { return (u32)(csr_read(CSR_CPUID) & 0x1ff); }
#endif

#endif
