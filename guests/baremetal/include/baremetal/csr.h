/*
 * CSR access and the constant counter. CSR numbers are immediates: use the
 * names of <loongarch/regs.h>. The gcsr* forms reach the guest CSR file (LVZ,
 * root mode only).
 */
#ifndef BAREMETAL_CSR_H
#define BAREMETAL_CSR_H

#include <baremetal/types.h>
#include <loongarch/regs.h>

/* Each access, for the root's own CSRs (csr*) and the guest's (gcsr*). In xchg,
 * rj = 0 or 1 would encode rd or wr, so the mask is pinned to $t8. */
#define CSR_RD_(op, n) ({ u64 v_; __asm__ volatile(op " %0, %1" : "=r"(v_) : "i"(n) : "memory"); v_; })
#define CSR_WR_(op, n, v)                                                                          \
    ({ u64 v_ = (v); __asm__ volatile(op " %0, %1" : "+r"(v_) : "i"(n) : "memory"); v_; })
#define CSR_XCHG_(op, n, v, m)                                                                     \
    ({                                                                                             \
        u64 v_ = (v);                                                                              \
        register u64 m_ __asm__("$t8") = (m);                                                      \
        __asm__ volatile(op " %0, %1, %2" : "+r"(v_) : "r"(m_), "i"(n) : "memory");                \
        v_;                                                                                        \
    })

#define csrrd(n) CSR_RD_("csrrd", n)
#define csrwr(n, v) CSR_WR_("csrwr", n, v)
#define csrxchg(n, v, m) CSR_XCHG_("csrxchg", n, v, m)
#define gcsrrd(n) CSR_RD_("gcsrrd", n)
#define gcsrwr(n, v) CSR_WR_("gcsrwr", n, v)
#define gcsrxchg(n, v, m) CSR_XCHG_("gcsrxchg", n, v, m)

/* The constant (stable) counter: 100 MHz on QEMU's la464. */
static inline u64 rdtime(void)
{
    u64 v;
    __asm__ volatile("rdtime.d %0, $zero" : "=r"(v)::"memory");
    return v;
}

#endif
