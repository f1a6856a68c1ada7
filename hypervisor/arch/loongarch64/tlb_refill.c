/*
 * Stage-2 TLB refill, called from vec_tlbr in DA mode with the faulting GPA in
 * TLBRBADV. tlbfill tags the new root entry with GTLBC.TGID = the zone's GID.
 */
#include "core/vcpu.h"
#include "core/zone.h"
#include "core/panic.h"
#include "core/arch.h"
#include <arch/csr.h>

void stage2_tlb_refill(struct vcpu *v);
void machine_error(void);

void stage2_tlb_refill(struct vcpu *v)
{
    struct tlb_fill f = {0};
    u64 gpa = csr_read(CSR_TLBRBADV);
    v->tlb_refills++;
    if (v->zone)
        stage2_tlb_fill(&v->zone->arch.s2, gpa, &f);
    else
        f.ehi = gpa & ~0x1fffUL, f.ps = 12;
    csr_write(CSR_TLBREHI, (f.ehi & 0x0000ffffffffe000UL) | f.ps);
    csr_write(CSR_TLBRELO0, f.lo0);
    csr_write(CSR_TLBRELO1, f.lo1);
    __asm__ volatile("tlbfill" ::: "memory");
}

/* DA mode, where the console may be mapped cached: no printing. Stop every CPU. */
void machine_error(void)
{
    hv_stopping = 1;
    arch_cpu_halt();
}
