/* GSPR exits: CPUCFG, non-hardware CSRs, CACOP, IOCSR and IDLE (lvz.md A6). */
#include "exit.h"
#include "insn.h"
#include "core/vcpu.h"
#include <arch/csr.h>
#include "lib/bits.h"
#include "lib/printf.h"

#define CPUCFG2_LVZ_MASK (0xfUL << 10) /* LVZP and LVZVER */
#define CPUCFG_WORDS     21

static void set_gpr(struct vcpu *v, u32 rd, u64 val)
{
    if (rd)
        v->arch.regs.gpr[rd] = val;
}

static u64 emulate_cpucfg(u64 index)
{
    if (index >= CPUCFG_WORDS)
        return 0; /* includes the KVM PV leaves 0x40000000+: lvisor offers none */
    u64 val = cpucfg_read((u32)index);
    if (index == 2)
        val &= ~CPUCFG2_LVZ_MASK; /* the guest must not try to virtualize */
    return val;
}

/* CSRs without a guest copy: KVM keeps them in RAM; so does lvisor, one slot per number. */
static void emulate_csr(struct vcpu *v, const struct gspr_insn *g)
{
    u64 *gpr = v->arch.regs.gpr;
    u64 *slot = g->csr < SW_CSR_MAX ? &v->arch.sw_csr[g->csr] : NULL;
    u64 old = slot ? *slot : 0;
    if (g->csr_op == CSR_OP_WRITE && slot)
        *slot = gpr[g->rd];
    else if (g->csr_op == CSR_OP_XCHG && slot) {
        u64 mask = gpr[g->rj];
        *slot = (old & ~mask) | (gpr[g->rd] & mask);
    }
    set_gpr(v, g->rd, old);
}

static void emulate_iocsr(struct vcpu *v, const struct gspr_insn *g)
{
    u64 *gpr = v->arch.regs.gpr;
    u64 addr = gpr[g->rj];
    u64 val = g->is_write ? gpr[g->rd] : 0;
    if (!iocsr_emulate(v, addr, g->size, g->is_write, &val))
        val = 0;
    if (!g->is_write)
        set_gpr(v, g->rd, sign_extend(val, 8u * g->size)); /* iocsrrd sign-extends */
}

enum exit_result exit_gspr(struct vcpu *v, u32 ecode)
{
    (void)ecode;
    u32 insn = (u32)v->arch.regs.badi;
    struct gspr_insn g = insn_decode_gspr(insn);
    switch (g.kind) {
    case GSPR_CPUCFG:
        set_gpr(v, g.rd, emulate_cpucfg(v->arch.regs.gpr[g.rj]));
        return EXIT_DONE;
    case GSPR_CSR:
        emulate_csr(v, &g);
        return EXIT_DONE;
    case GSPR_CACOP:
        return EXIT_DONE; /* caches are coherent; nothing to maintain for the guest */
    case GSPR_IOCSR:
        emulate_iocsr(v, &g);
        return EXIT_DONE;
    case GSPR_IDLE:
        return EXIT_IDLE;
    case GSPR_UNKNOWN:
        break;
    }
    pr_warn("CPU %u: GSPR for unknown instruction %x at %lx: INE\n", v->cpu, insn, v->arch.regs.pc);
    inject_exception(v, ECODE_INE, 0, 0, false);
    return EXIT_RESUME;
}
