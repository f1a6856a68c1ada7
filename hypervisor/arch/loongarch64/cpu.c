/* Root-mode CPU set-up and the CPU-level hooks of core/arch.h: IPIs, timer, idle, start, halt. */
#include "tlb.h"
#include "core/arch.h"
#include "core/vcpu.h"
#include <arch/csr.h>
#include <arch/mm.h>

extern char vec_general[], vec_tlbr[], vec_merr[];

bool arch_cpu_can_virtualize(void) { return cpucfg_read(2) & BIT(10); }

u32 arch_cpu_id(void) { return this_cpu_id(); }

u64 arch_timer_now(void) { return rdtime(); }

u64 arch_timer_freq(void)
{
    u64 base = cpucfg_read(4);
    u32 c5 = cpucfg_read(5);
    u64 mul = c5 & 0xffff, div = c5 >> 16;
    if (!mul || !div)
        return base ? base : 100000000;
    return base * mul / div;
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
    iocsr_write(IOCSR_IPI_EN, 4, ~0u);
    iocsr_write(IOCSR_IPI_CLEAR, 4, ~0u);

    if (!arch_cpu_can_virtualize())
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

void arch_ipi_send(u32 cpu)
{
    dbar();
    /* blocking send, vector 0 (lvisor only ever uses one) */
    iocsr_write(IOCSR_IPI_SEND, 4, BIT(31) | (cpu << 16));
}

void arch_ipi_ack(void)
{
    u64 s = iocsr_read(IOCSR_IPI_STATUS, 4);
    if (s)
        iocsr_write(IOCSR_IPI_CLEAR, 4, s);
}

void arch_cpu_wait_ipi(void)
{
    csr_xchg(CSR_ECFG, BIT(INT_IPI), ECFG_LIE_MASK);
    /* CRMD.IE is 0: idle returns on a pending IPI without trapping. */
    if (!(csr_read(CSR_ESTAT) & BIT(INT_IPI)))
        cpu_idle();
    arch_ipi_ack();
}

void arch_cpu_halt(void)
{
    csr_xchg(CSR_ECFG, 0, ECFG_LIE_MASK);
    for (;;)
        cpu_idle();
}

static void mail_send(u32 cpu, u32 word, u32 data)
{
    iocsr_write(IOCSR_MBUF_SEND, 8, (u64)data << 32 | BIT(31) | (u64)cpu << 16 | (u64)word << 2);
}

void arch_cpu_start(u32 cpu, u64 entry)
{
    /* High half first: the firmware's loop starts as soon as the low word is non-zero. */
    mail_send(cpu, 1, (u32)(entry >> 32));
    mail_send(cpu, 0, (u32)entry);
    iocsr_write(IOCSR_IPI_SEND, 4, BIT(31) | (cpu << 16));
}

void arch_last_exception(u64 *pc, u64 *addr)
{
    *pc = csr_read(CSR_ERA);
    *addr = csr_read(CSR_BADV);
}

void tlb_flush_guest(u32 gid) { invtlb_gid(gid); }
