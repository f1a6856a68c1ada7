/*
 * LoongArch state of a vCPU and of a zone, embedded in core's struct vcpu and
 * struct zone (as `arch`). The register frame comes first: the vectors reach
 * it through KS_CPU with offsets generated from asm_defs.c.
 */
#ifndef ARCH_VCPU_ARCH_H
#define ARCH_VCPU_ARCH_H

#include "lib/types.h"
#include <arch/stage2.h>
#include <arch/vipi.h>

/*
 * On HVC and interrupt exits only the caller-saved GPRs (r1, r3-r20) are
 * saved here: r2 and r21-r31 stay in the registers, which C preserves, and
 * gpr[] holds stale values for them. Every other exit saves all 32.
 */
struct vcpu_regs {
    u64 gpr[32];
    u64 pc;
    u64 estat;
    u64 badv;
    u64 badi;
    u64 stack_top;
    u64 tlbr_gpr[32]; /* the refill vector's own save area */
};

/* CSRs without a guest copy (debug, perf, machine error, LVZ's own): kept in RAM. */
#define SW_CSR_MAX 0x600

struct vcpu_arch {
    struct vcpu_regs regs; /* first: the vectors' frame */
    struct vipi vipi;      /* the guest's view of its IOCSR IPI block */
    u64 sw_csr[SW_CSR_MAX];
};

struct zone_arch {
    u32 gid; /* LVZ guest id tagging its TLB entries (zone id + 1; 0 is the root mode's own) */
    struct stage2 s2;
};

/* GPR numbers of the LoongArch calling convention. */
#define REG_RA 1
#define REG_A0 4
#define REG_A1 5
#define REG_A2 6

#endif
