/* The vCPU hooks of core/arch.h: guest CSR state, interrupt lines, idle, exceptions. */
#include "core/arch.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include "exit.h"
#include <arch/csr.h>
#include "lib/string.h"

void vcpu_arch_init(struct vcpu *v)
{
    memset(&v->arch.vipi, 0, sizeof(v->arch.vipi));
    memset(v->arch.sw_csr, 0, sizeof(v->arch.sw_csr));
}

void vcpu_arch_reset(struct vcpu *v, u64 pc)
{
    struct zone *z = v->zone;
    memset(v->arch.regs.gpr, 0, sizeof(v->arch.regs.gpr));
    /* Linux maps itself in DMW windows: an entry given as such is its low 48 bits. */
    v->arch.regs.pc = pc & ((1UL << 48) - 1);
    csr_xchg(CSR_GSTAT, (u64)z->arch.gid << GSTAT_GID_SHIFT, GSTAT_GID_MASK);
    csr_xchg(CSR_GTLBC, (u64)z->arch.gid << GTLBC_TGID_SHIFT | GTLBC_USETGID,
             GTLBC_TGID_MASK | GTLBC_USETGID);
    csr_write(CSR_GINTC, (u64)z->cfg->passthrough_irqs << GINTC_PIP_SHIFT);
    csr_write(CSR_GCNTC, 0);

    /* Linux's entry state (linux-boot.md §6.6): DA, PLV0, IE off, no DMW. */
    gcsr_write(CSR_CRMD, CRMD_DA);
    gcsr_write(CSR_PRMD, 0);
    gcsr_write(CSR_EUEN, 0);
    gcsr_write(CSR_MISC, 0);
    gcsr_write(CSR_ECFG, 0);
    gcsr_xchg(CSR_ESTAT, 0, BIT(INT_SWI0) | BIT(INT_SWI1) | BIT(INT_TI) | BIT(INT_IPI));
    gcsr_write(CSR_ERA, 0);
    gcsr_write(CSR_BADV, 0);
    gcsr_write(CSR_EENTRY, 0);
    gcsr_write(CSR_TCFG, 0);
    gcsr_write(CSR_TICLR, TICLR_CLR);
    gcsr_write(CSR_ASID, 0);
    gcsr_write(CSR_PGDL, 0);
    gcsr_write(CSR_PGDH, 0);
    gcsr_write(CSR_TLBRENTRY, 0);
    gcsr_write(CSR_DMW0, 0);
    gcsr_write(CSR_DMW1, 0);
    gcsr_write(CSR_DMW2, 0);
    gcsr_write(CSR_DMW3, 0);
    gcsr_write(CSR_CPUID, v->id);
    /* The smallest page size the CPU offers (PRCFG2), as the CPU's own reset
     * sets it: the guest file is all zeros, and 0 is no page size. */
    u32 page_sizes = (u32)csr_read(CSR_PRCFG2);
    gcsr_write(CSR_STLBPS, (u64)__builtin_ctz(page_sizes));
    __asm__ volatile("gtlbflush" ::: "memory");
    invtlb_gid(z->arch.gid);
}

void vcpu_arch_set_arg(struct vcpu *v, u32 n, u64 val)
{
    if (n < 8)
        v->arch.regs.gpr[REG_A0 + n] = val;
}

u64 vcpu_arch_pc(const struct vcpu *v) { return v->arch.regs.pc; }

bool vcpu_arch_boot_entry(struct vcpu *v, u64 *entry)
{
    struct vipi *p = &v->arch.vipi;
    u64 e = vipi_mbox64(p, 0);
    if (!(__atomic_load_n(&p->status, __ATOMIC_ACQUIRE) & 1) || !e)
        return false;
    /* the firmware loop a guest expects clears STATUS before jumping */
    __atomic_fetch_and(&p->status, ~1u, __ATOMIC_ACQ_REL);
    *entry = e;
    return true;
}

void vcpu_arch_update_ipi_line(struct vcpu *v) { guest_ipi_line_update(v); }

void vcpu_arch_set_irq(struct vcpu *v, u32 line, bool level)
{
    (void)v;
    /* HWI lines injected by lvisor: GINTC.VIP, which the guest sees as ESTAT.IS[9:2] */
    if (line < 8)
        csr_xchg(CSR_GINTC, level ? BIT(line) : 0, BIT(line));
}

bool vcpu_arch_interrupt_pending(struct vcpu *v)
{
    u64 is = gcsr_read(CSR_ESTAT) & ESTAT_IS_MASK;
    u64 pip = (u64)v->zone->cfg->passthrough_irqs << INT_HWI0;
    is |= csr_read(CSR_ESTAT) & pip;
    is |= (csr_read(CSR_GINTC) & GINTC_VIP_MASK) << INT_HWI0;
    if (vipi_pending(&v->arch.vipi))
        is |= BIT(INT_IPI);
    return (is & gcsr_read(CSR_ECFG) & ECFG_LIE_MASK) != 0;
}

/*
 * The guest timer keeps counting in root mode and raises the guest's TI on its
 * own (lvz.md A4), so an idle vCPU only needs the physical CPU woken at that
 * deadline: arm the root timer for the guest's remaining ticks, rounded up.
 */
static void vtimer_arm_wakeup(void)
{
    u64 tcfg = gcsr_read(CSR_TCFG);
    if (!(tcfg & TCFG_EN))
        return;
    u64 tval = gcsr_read(CSR_TVAL);
    u64 init = tcfg & TCFG_VAL_MASK;
    if (tval > init && !(tcfg & TCFG_PERIODIC)) {
        /*
         * A one-shot that already fired: its TI is pending, or the guest took it. If it
         * is not pending, raise it (KVM's rule too): an extra tick costs a tickless guest
         * one wake-up, a lost one stalls its CPU for good (an idle CPU's timer never comes).
         */
        if (!(gcsr_read(CSR_ESTAT) & BIT(INT_TI)))
            gcsr_xchg(CSR_ESTAT, BIT(INT_TI), BIT(INT_TI));
        return;
    }
    u64 ticks = ALIGN_UP(tval + 1, 4);
    if (ticks < 4)
        ticks = 4;
    csr_write(CSR_TCFG, ticks | TCFG_EN);
}

void vtimer_disarm_wakeup(void)
{
    csr_write(CSR_TCFG, 0);
    csr_write(CSR_TICLR, TICLR_CLR);
}

void vcpu_arch_idle_wait(struct vcpu *v)
{
    u64 hwi = gcsr_read(CSR_ECFG) & INT_HWI_MASK & ((u64)v->zone->cfg->passthrough_irqs << 2);
    u64 lie = BIT(INT_TI) | BIT(INT_IPI) | hwi;
    vtimer_arm_wakeup();
    csr_xchg(CSR_ECFG, lie, ECFG_LIE_MASK);
    /* CRMD.IE is 0: idle returns on a pending LIE interrupt without trapping. */
    if (!(csr_read(CSR_ESTAT) & lie) && !vcpu_arch_interrupt_pending(v))
        cpu_idle();
    csr_xchg(CSR_ECFG, BIT(INT_TI) | BIT(INT_IPI), ECFG_LIE_MASK);
    vtimer_disarm_wakeup();
    if (csr_read(CSR_ESTAT) & BIT(INT_IPI))
        arch_ipi_ack();
}

/* Linux's arch_cpu_idle_dead clears every ECFG line but the IPI, then idles. */
bool vcpu_arch_guest_offline(struct vcpu *v)
{
    (void)v;
    return (gcsr_read(CSR_ECFG) & ECFG_LIE_MASK & ~BIT(INT_IPI)) == 0;
}

void inject_exception(struct vcpu *v, u32 ecode, u32 esubcode, u64 badv, bool set_badv)
{
    struct vcpu_regs *r = &v->arch.regs;
    u64 crmd = gcsr_read(CSR_CRMD);
    /* PRMD keeps PLV, IE and WE (CRMD bit 9 -> PRMD bit 3) */
    gcsr_write(CSR_PRMD, (crmd & 0x7) | (((crmd >> 9) & 1) << 3));
    gcsr_write(CSR_CRMD, crmd & ~(CRMD_PLV_MASK | CRMD_IE | BIT(9)));
    gcsr_write(CSR_ERA, r->pc);
    if (set_badv)
        gcsr_write(CSR_BADV, badv);
    gcsr_write(CSR_BADI, r->badi);
    /* Ecode goes to ESTAT[21:16] (KVM's interrupt.c:174 forgets the shift). */
    gcsr_xchg(CSR_ESTAT, (u64)ecode << ESTAT_ECODE_SHIFT | (u64)esubcode << ESTAT_ESUBCODE_SHIFT,
              ESTAT_EXC_MASK);
    r->pc = guest_exception_vector(ecode);
}

u64 guest_exception_vector(u32 ecode)
{
    u64 vs = (gcsr_read(CSR_ECFG) & ECFG_VS_MASK) >> ECFG_VS_SHIFT;
    u64 step = vs ? (1UL << vs) * 4 : 0;
    return gcsr_read(CSR_EENTRY) + ecode * step;
}

void vcpu_arch_inject_exception(struct vcpu *v, enum vcpu_exception e, u64 addr)
{
    switch (e) {
    case VCPU_EXC_UNDEFINED:
        inject_exception(v, ECODE_INE, 0, 0, false);
        break;
    case VCPU_EXC_BAD_ACCESS:
        inject_exception(v, ECODE_ADE, ESUBCODE_ADEM, addr, true);
        break;
    case VCPU_EXC_BAD_FETCH:
        inject_exception(v, ECODE_ADE, ESUBCODE_ADEF, addr, true);
        break;
    }
}

void vcpu_arch_complete_mmio(struct vcpu *v, const struct mmio_access *a)
{
    if (!a->is_write && a->reg)
        v->arch.regs.gpr[a->reg] = mmio_read_result(a);
    v->arch.regs.pc += 4;
}
