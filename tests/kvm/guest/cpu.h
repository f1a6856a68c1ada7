/* CSR numbers and one-instruction helpers for the bare-metal KVM guest. */
#ifndef GUEST_CPU_H
#define GUEST_CPU_H

#include <stdint.h>

#define CSR_CRMD 0x0
#define CSR_ECFG 0x4
#define CSR_ESTAT 0x5
#define CSR_ERA 0x6
#define CSR_TCFG 0x41
#define CSR_TICLR 0x44

#define CRMD_IE (1UL << 2)
#define ECFG_LIE_TI (1UL << 11)
#define ESTAT_IS_TI (1UL << 11)
#define ESTAT_ECODE(v) (((v) >> 16) & 0x3f)
#define TCFG_EN 1UL
#define TCFG_INITVAL_SHIFT 2

#define CPUCFG2_LLFTP (1U << 14)

#define csr_read(csr) __builtin_loongarch_csrrd_d(csr)
#define csr_write(val, csr) ((void)__builtin_loongarch_csrwr_d((val), (csr)))
#define csr_xchg(val, mask, csr) ((void)__builtin_loongarch_csrxchg_d((val), (mask), (csr)))

static inline uint32_t cpucfg(uint32_t word) { return __builtin_loongarch_cpucfg(word); }

static inline uint64_t rdtime(void)
{
    uint64_t t;
    __asm__ volatile("rdtime.d %0, $zero" : "=r"(t));
    return t;
}

static inline void irq_on(void) { csr_xchg(CRMD_IE, CRMD_IE, CSR_CRMD); }
static inline void irq_off(void) { csr_xchg(0, CRMD_IE, CSR_CRMD); }
/* In a guest, idle exits to KVM, which halts the vCPU until an interrupt is
 * pending (whatever CRMD.IE says). */
static inline void idle(void) { __asm__ volatile("idle 0" ::: "memory"); }

#endif
