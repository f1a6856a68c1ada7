/* CSR numbers and helpers shared by the root and the guest side of the bench. */
#ifndef BENCH_CSR_H
#define BENCH_CSR_H

#define CSR_CRMD 0x0
#define CSR_PRMD 0x1
#define CSR_ECFG 0x4
#define CSR_ESTAT 0x5
#define CSR_ERA 0x6
#define CSR_BADV 0x7
#define CSR_BADI 0x8
#define CSR_EENTRY 0xc
#define CSR_ASID 0x18
#define CSR_STLBPS 0x1e
#define CSR_KS0 0x30
#define CSR_KS1 0x31
#define CSR_TLBRENTRY 0x88
#define CSR_TLBRBADV 0x89
#define CSR_TLBRELO0 0x8c
#define CSR_TLBRELO1 0x8d
#define CSR_TLBREHI 0x8e
#define CSR_GTLBC 0x15
#define CSR_GSTAT 0x50
#define CSR_GCNTC 0x53

#define CRMD_DA 0x8
/* PG, DATF = DATM = coherent cached, PLV0, IE off (Linux's 0xb0). */
#define CRMD_PG 0xb0
/* 4 KiB pages in both stages: QEMU 10.0 ignores csrwr STLBPS (the root keeps
 * its reset value 12), so this is the size both modes can use in the STLB. */
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define CPUCFG2_LVZP (1U << 10)
#define GUEST_GID 1

#ifndef __ASSEMBLER__
#include <stdint.h>

#define csr_read(csr) __builtin_loongarch_csrrd_d(csr)
#define csr_write(val, csr) ((void)__builtin_loongarch_csrwr_d((val), (csr)))

#define gcsr_write(val, csr)                                                                       \
    do {                                                                                           \
        uint64_t v__ = (val);                                                                      \
        __asm__ volatile("gcsrwr %0, %1" : "+r"(v__) : "i"(csr) : "memory");                      \
    } while (0)

static inline uint64_t rdtime(void)
{
    uint64_t t;
    __asm__ volatile("rdtime.d %0, $zero" : "=r"(t)::"memory");
    return t;
}
#endif

#endif
