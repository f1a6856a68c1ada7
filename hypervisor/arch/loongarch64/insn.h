/*
 * Decoding of the guest instructions lvisor emulates: loads/stores that hit
 * stage-2 holes (MMIO) and the GSPR-trapping instructions. Decode only; the
 * encodings were checked against llvm-mc-19. Portable: unit-tested on the host.
 */
#ifndef ARCH_INSN_H
#define ARCH_INSN_H

#include "lib/types.h"

enum mem_addr_mode {
    ADDR_IMM, /* rj + imm */
    ADDR_REG, /* rj + rk */
};

struct mem_insn {
    bool is_write;
    bool sign_extend;
    u8 size; /* 1, 2, 4, 8 */
    u8 rd, rj, rk;
    enum mem_addr_mode mode;
    s64 imm;
};

/* ld/st .b/.h/.w/.d/.bu/.hu/.wu, ldx/stx, ldptr/stptr. False for anything else. */
bool insn_decode_mem(u32 insn, struct mem_insn *m);

enum gspr_kind {
    GSPR_UNKNOWN,
    GSPR_CPUCFG,
    GSPR_CSR, /* csrrd / csrwr / csrxchg */
    GSPR_CACOP,
    GSPR_IOCSR,
    GSPR_IDLE,
};

enum csr_op { CSR_OP_READ, CSR_OP_WRITE, CSR_OP_XCHG };

struct gspr_insn {
    enum gspr_kind kind;
    u8 rd, rj;
    u16 csr; /* GSPR_CSR */
    enum csr_op csr_op;
    bool is_write; /* GSPR_IOCSR */
    u8 size;       /* GSPR_IOCSR */
};

struct gspr_insn insn_decode_gspr(u32 insn);

#endif
