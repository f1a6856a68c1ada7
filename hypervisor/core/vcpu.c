/* vCPU life cycle and the exit dispatcher: each exit cause has one handler. */
#include "core/vcpu.h"
#include "core/zone.h"
#include "core/event.h"
#include "core/cpu.h"
#include "arch/loongarch64/cpu.h"
#include "arch/loongarch64/csr.h"
#include "arch/loongarch64/exit.h"
#include "lib/printf.h"
#include "lib/string.h"

struct vcpu vcpus[MAX_CPUS];

struct vcpu *this_vcpu(void)
{
    return (struct vcpu *)csr_read(KS_CPU);
}

void vcpu_update_ipi_line(struct vcpu *v)
{
    gcsr_xchg(CSR_ESTAT, vipi_pending(&v->vipi) ? BIT(INT_IPI) : 0, BIT(INT_IPI));
}

void vcpu_reset(struct vcpu *v, u64 pc)
{
    memset(v->gpr, 0, sizeof(v->gpr));
    v->pc = pc;
    vcpu_arch_reset(v);
}

void vcpu_run(struct vcpu *v)
{
    v->state = VCPU_RUNNING;
    vcpu_update_ipi_line(v);
    vcpu_enter(v);
}

/* Root interrupts that exited the guest: lvisor's IPI and its wake-up timer. */
static void handle_root_interrupt(struct vcpu *v)
{
    u64 is = v->estat & ESTAT_IS_MASK;
    if (is & BIT(INT_TI))
        vtimer_disarm_wakeup();
    if (is & BIT(INT_IPI))
        ipi_ack();
}

static void hypervisor_fault(struct vcpu *v)
{
    printk("[lvisor] FATAL: exception in root mode on CPU %u: estat %lx era %lx badv %lx badi %lx\n",
           v->cpu, v->estat, v->pc, v->badv, v->badi);
    for (;;)
        cpu_idle();
}

struct vcpu *vcpu_handle_exit(struct vcpu *v)
{
    v->exits++;
    if (!(csr_read(CSR_GSTAT) & GSTAT_PVM))
        hypervisor_fault(v);

    u32 ecode = (u32)((v->estat & ESTAT_ECODE_MASK) >> ESTAT_ECODE_SHIFT);
    v->exit_causes[ecode]++;
    switch (ecode) {
    case ECODE_INT:
        handle_root_interrupt(v);
        break;
    case ECODE_GSPR:
        gspr_handle(v);
        break;
    case ECODE_HVC:
        hvc_handle(v);
        break;
    case ECODE_PIL:
    case ECODE_PIS:
    case ECODE_PIF:
    case ECODE_PME:
    case ECODE_PNR:
    case ECODE_PNX:
    case ECODE_PPI:
        stage2_fault_handle(v, ecode);
        break;
    default:
        pr_warn("CPU %u: unexpected exit ecode %u at %lx (badi %lx): INE to guest\n", v->cpu,
                ecode, v->pc, v->badi);
        inject_exception(v, ECODE_INE, 0, 0, false);
        break;
    }
    if (!event_queue_empty(&v->events))
        cpu_process_events(v);
    vcpu_update_ipi_line(v);
    return v;
}

/* Wakes on anything the guest could take: its timer, its IPI, a device line it enabled. */
void vcpu_wait_for_interrupt(struct vcpu *v)
{
    v->idle_exits++;
    for (;;) {
        cpu_process_events(v);
        vcpu_update_ipi_line(v);
        if (guest_interrupt_pending(v) || v->state != VCPU_RUNNING)
            return;
        u64 hwi = gcsr_read(CSR_ECFG) & INT_HWI_MASK & ((u64)v->zone->cfg->hwi_passthrough << 2);
        u64 lie = BIT(INT_TI) | BIT(INT_IPI) | hwi;
        vtimer_arm_wakeup();
        csr_xchg(CSR_ECFG, lie, ECFG_LIE_MASK);
        /* CRMD.IE is 0: idle returns on a pending LIE interrupt without trapping. */
        if (!(csr_read(CSR_ESTAT) & lie) && !guest_interrupt_pending(v))
            cpu_idle();
        csr_xchg(CSR_ECFG, BIT(INT_TI) | BIT(INT_IPI), ECFG_LIE_MASK);
        vtimer_disarm_wakeup();
        if (csr_read(CSR_ESTAT) & BIT(INT_IPI))
            ipi_ack();
    }
}
