/* GSPR exits: CPUCFG, non-hardware CSRs, CACOP, IOCSR and IDLE (lvz.md A6). */
#include "arch/loongarch64/exit.h"
#include "arch/loongarch64/insn.h"
#include "arch/loongarch64/csr.h"
#include "arch/loongarch64/cpu.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include "lib/printf.h"

#define CPUCFG2_LVZ_MASK (0xfUL << 10) /* LVZP and LVZVER */
#define CPUCFG_WORDS 21

static void set_gpr(struct vcpu *v, u32 rd, u64 val)
{
    if (rd)
        v->gpr[rd] = val;
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

/*
 * CSRs without a guest copy (debug, perf, machine error, LVZ's own): KVM
 * keeps them in RAM; so does lvisor, one slot per number below 0x600.
 */
#define SW_CSR_MAX 0x600
static u64 sw_csr[MAX_CPUS][SW_CSR_MAX];

static void emulate_csr(struct vcpu *v, const struct gspr_insn *g)
{
    u64 *slot = g->csr < SW_CSR_MAX ? &sw_csr[v->cpu][g->csr] : NULL;
    u64 old = slot ? *slot : 0;
    if (g->csr_op == CSR_OP_WRITE && slot)
        *slot = v->gpr[g->rd];
    else if (g->csr_op == CSR_OP_XCHG && slot) {
        u64 mask = v->gpr[g->rj];
        *slot = (old & ~mask) | (v->gpr[g->rd] & mask);
    }
    set_gpr(v, g->rd, old);
}

static void emulate_iocsr(struct vcpu *v, const struct gspr_insn *g)
{
    u64 addr = v->gpr[g->rj];
    u64 val = g->is_write ? v->gpr[g->rd] : 0;
    if (!iocsr_emulate(v, addr, g->size, g->is_write, &val))
        val = 0;
    if (!g->is_write) {
        /* iocsrrd sign-extends to 64 bits */
        if (g->size < 8)
            val = (u64)((s64)(val << (64 - 8 * g->size)) >> (64 - 8 * g->size));
        set_gpr(v, g->rd, val);
    }
}

void gspr_handle(struct vcpu *v)
{
    u32 insn = (u32)v->badi;
    struct gspr_insn g = insn_decode_gspr(insn);
    switch (g.kind) {
    case GSPR_CPUCFG:
        set_gpr(v, g.rd, emulate_cpucfg(v->gpr[g.rj]));
        break;
    case GSPR_CSR:
        emulate_csr(v, &g);
        break;
    case GSPR_CACOP:
        break; /* caches are coherent; nothing to maintain for the guest */
    case GSPR_IOCSR:
        emulate_iocsr(v, &g);
        break;
    case GSPR_IDLE:
        v->pc += 4;
        vcpu_wait_for_interrupt(v);
        return;
    case GSPR_UNKNOWN:
        pr_warn("CPU %u: GSPR for unknown instruction %x at %lx: INE\n", v->cpu, insn, v->pc);
        inject_exception(v, ECODE_INE, 0, 0, false);
        return;
    }
    v->pc += 4;
}

bool guest_interrupt_pending(struct vcpu *v)
{
    u64 is = gcsr_read(CSR_ESTAT) & ESTAT_IS_MASK;
    u64 pip = (u64)v->zone->cfg->hwi_passthrough << INT_HWI0;
    is |= csr_read(CSR_ESTAT) & pip;
    is |= (csr_read(CSR_GINTC) & GINTC_VIP_MASK) << INT_HWI0;
    if (vipi_pending(&v->vipi))
        is |= BIT(INT_IPI);
    return (is & gcsr_read(CSR_ECFG) & ECFG_LIE_MASK) != 0;
}
