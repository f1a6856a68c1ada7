/* Root-mode CPU set-up: vectors, LVZ controls, FPU ownership, IPIs, timer. */
#include "arch/loongarch64/cpu.h"
#include "arch/loongarch64/csr.h"
#include "arch/loongarch64/mm.h"
#include "arch/loongarch64/vipi.h"
#include "core/vcpu.h"
#include "core/zone.h"

extern char vec_general[], vec_tlbr[], vec_merr[];

bool cpu_has_lvz(void)
{
    return cpucfg_read(2) & BIT(10);
}

u64 timer_freq(void)
{
    u64 base = cpucfg_read(4);
    u32 c5 = cpucfg_read(5);
    u64 mul = c5 & 0xffff, div = c5 >> 16;
    if (!mul || !div)
        return base ? base : 100000000;
    return base * mul / div;
}

void udelay(u64 us)
{
    u64 end = rdtime() + timer_freq() / 1000000 * us;
    while (rdtime() < end)
        ;
}

void arch_cpu_init(u32 cpu)
{
    csr_write(KS_CPU, (u64)vcpu_of_cpu(cpu));
    csr_write(CSR_EENTRY, (u64)vec_general);
    csr_write(CSR_TLBRENTRY, virt_to_phys(vec_tlbr));
    csr_write(CSR_MERRENTRY, virt_to_phys(vec_merr));
    /* One vector for everything; only lvisor's timer and IPI interrupt the guest. */
    csr_write(CSR_ECFG, BIT(INT_TI) | BIT(INT_IPI));
    /* The guest owns the FPU/SIMD units outright: lvisor is soft-float and each
     * CPU runs one vCPU, so there is nothing to switch lazily. */
    csr_write(CSR_EUEN, EUEN_FPE | EUEN_SXE | EUEN_ASXE);
    /* Stage-2 2 MiB blocks are filled as 1 MiB page pairs: put them in the STLB. */
    csr_write(CSR_STLBPS, 20);
    csr_write(CSR_TCFG, 0);
    csr_write(CSR_TICLR, TICLR_CLR);
    iocsr_write32(~0u, IOCSR_IPI_EN);
    iocsr_write32(~0u, IOCSR_IPI_CLEAR);

    if (!cpu_has_lvz())
        return;
    /* KVM's enable sequence (kvm/main.c): no traps but GSPR; MATC root if offered. */
    u64 gcfg = csr_read(CSR_GCFG);
    u64 ctl = 0;
    if (gcfg & GCFG_MATP_ROOT)
        ctl |= 1UL << GCFG_MATC_SHIFT;
    if (gcfg & GCFG_GCIP_SECURE)
        ctl |= 2UL << GCFG_GCI_SHIFT;
    csr_write(CSR_GCFG, ctl);
    csr_write(CSR_GSTAT, 0);
    csr_write(CSR_GINTC, 0);
    csr_write(CSR_GTLBC, GTLBC_USETGID);
    invtlb_all();
}

void ipi_send(u32 cpu)
{
    dbar();
    /* blocking send, vector 0 (lvisor only ever uses one) */
    iocsr_write32(BIT(31) | (cpu << 16), IOCSR_IPI_SEND);
}

u32 ipi_ack(void)
{
    u32 s = iocsr_read32(IOCSR_IPI_STATUS);
    if (s)
        iocsr_write32(s, IOCSR_IPI_CLEAR);
    return s;
}

static void mail_send(u32 cpu, u32 word, u32 data)
{
    iocsr_write64((u64)data << 32 | BIT(31) | (u64)cpu << 16 | (u64)word << 2, IOCSR_MBUF_SEND);
}

void smp_start_cpu(u32 cpu, u64 entry)
{
    /* High half first: QEMU's loop starts as soon as the low word is non-zero. */
    mail_send(cpu, 1, (u32)(entry >> 32));
    mail_send(cpu, 0, (u32)entry);
    iocsr_write32(BIT(31) | (cpu << 16), IOCSR_IPI_SEND);
}

void vcpu_arch_reset(struct vcpu *v)
{
    struct zone *z = v->zone;
    csr_xchg(CSR_GSTAT, (u64)z->gid << GSTAT_GID_SHIFT, GSTAT_GID_MASK);
    csr_xchg(CSR_GTLBC, (u64)z->gid << GTLBC_TGID_SHIFT | GTLBC_USETGID,
             GTLBC_TGID_MASK | GTLBC_USETGID);
    csr_write(CSR_GINTC, (u64)z->cfg->hwi_passthrough << GINTC_PIP_SHIFT);
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
    invtlb_gid(z->gid);
}

void inject_exception(struct vcpu *v, u32 ecode, u32 esubcode, u64 badv, bool set_badv)
{
    u64 crmd = gcsr_read(CSR_CRMD);
    /* PRMD keeps PLV, IE and WE (CRMD bit 9 -> PRMD bit 3) */
    gcsr_write(CSR_PRMD, (crmd & 0x7) | (((crmd >> 9) & 1) << 3));
    gcsr_write(CSR_CRMD, crmd & ~(CRMD_PLV_MASK | CRMD_IE | BIT(9)));
    gcsr_write(CSR_ERA, v->pc);
    if (set_badv)
        gcsr_write(CSR_BADV, badv);
    gcsr_write(CSR_BADI, v->badi);
    /* Ecode goes to ESTAT[21:16] (KVM's interrupt.c:174 forgets the shift). */
    gcsr_xchg(CSR_ESTAT, (u64)ecode << ESTAT_ECODE_SHIFT | (u64)esubcode << ESTAT_ESUBCODE_SHIFT,
              ESTAT_EXC_MASK);
    u64 vs = (gcsr_read(CSR_ECFG) & ECFG_VS_MASK) >> ECFG_VS_SHIFT;
    u64 step = vs ? (1UL << vs) * 4 : 0;
    v->pc = gcsr_read(CSR_EENTRY) + ecode * step;
}

/*
 * The guest timer keeps counting in root mode and raises the guest's TI on its
 * own (lvz.md A4), so an idle vCPU only needs the physical CPU woken at that
 * deadline: arm the root timer for the guest's remaining ticks, rounded up.
 */
void vtimer_arm_wakeup(void)
{
    u64 tcfg = gcsr_read(CSR_TCFG);
    if (!(tcfg & TCFG_EN))
        return;
    u64 tval = gcsr_read(CSR_TVAL);
    u64 init = tcfg & TCFG_VAL_MASK;
    if (tval > init && !(tcfg & TCFG_PERIODIC))
        return; /* one-shot already fired: its TI is pending or taken */
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
