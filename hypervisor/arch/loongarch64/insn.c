/* Instruction decoders (see insn.h). */
#include "insn.h"
#include "lib/bits.h"

bool insn_decode_mem(u32 insn, struct mem_insn *m)
{
    static const struct {
        u8 size;
        bool write, sext;
    } ops[11] = {
        {1, false, true},  {2, false, true},  {4, false, true},  {8, false, true},
        {1, true, false},  {2, true, false},  {4, true, false},  {8, true, false},
        {1, false, false}, {2, false, false}, {4, false, false},
    };
    m->rd = insn & 0x1f;
    m->rj = (insn >> 5) & 0x1f;
    m->rk = (insn >> 10) & 0x1f;

    u32 op12 = insn >> 22; /* 2RI12: ld.b 0x0a0 .. ld.wu 0x0aa */
    if (op12 >= 0x0a0 && op12 <= 0x0aa) {
        u32 i = op12 - 0x0a0;
        m->size = ops[i].size;
        m->is_write = ops[i].write;
        m->sign_extend = ops[i].sext;
        m->mode = ADDR_IMM;
        m->imm = (s64)sign_extend((insn >> 10) & 0xfff, 12);
        return true;
    }
    u32 op14 = insn >> 24; /* 2RI14: ldptr.w 0x24, stptr.w 0x25, ldptr.d 0x26, stptr.d 0x27 */
    if (op14 >= 0x24 && op14 <= 0x27) {
        m->size = (op14 & 2) ? 8 : 4;
        m->is_write = op14 & 1;
        m->sign_extend = !m->is_write;
        m->mode = ADDR_IMM;
        m->imm = (s64)sign_extend((insn >> 10) & 0x3fff, 14) * 4;
        return true;
    }
    u32 op17 = insn >> 15; /* 3R: ldx.b 0x7000 .. ldx.wu 0x7050, step 8 */
    if (op17 >= 0x7000 && op17 <= 0x7050 && (op17 & 7) == 0) {
        u32 i = (op17 - 0x7000) / 8;
        m->size = ops[i].size;
        m->is_write = ops[i].write;
        m->sign_extend = ops[i].sext;
        m->mode = ADDR_REG;
        m->imm = 0;
        return true;
    }
    return false;
}

/* Same split as KVM's kvm_trap_handle_gspr (lvz.md "Exit causes"). */
struct gspr_insn insn_decode_gspr(u32 insn)
{
    struct gspr_insn g = {.kind = GSPR_UNKNOWN};
    g.rd = insn & 0x1f;
    g.rj = (insn >> 5) & 0x1f;
    switch (insn >> 24) {
    case 0x0:
        if ((insn >> 10) == 0x1b) /* cpucfg rd, rj */
            g.kind = GSPR_CPUCFG;
        break;
    case 0x4:
        g.kind = GSPR_CSR;
        g.csr = (insn >> 10) & 0x3fff;
        g.csr_op = g.rj == 0 ? CSR_OP_READ : g.rj == 1 ? CSR_OP_WRITE : CSR_OP_XCHG;
        break;
    case 0x6:
        if (((insn >> 22) & 0x3ff) == 0x18) {
            g.kind = GSPR_CACOP;
        } else if (((insn >> 22) & 0x3ff) == 0x19) {
            u32 op = (insn >> 15) & 0x1ffff;
            u32 sub = (insn >> 10) & 0x1f;
            if (op == 0xc90 && sub < 8) {
                g.kind = GSPR_IOCSR;
                g.is_write = sub >= 4;
                g.size = (u8)(1u << (sub & 3));
            } else if (op == 0xc91) {
                g.kind = GSPR_IDLE;
            }
        }
        break;
    }
    return g;
}
