/* The exit dispatcher: one table indexed by ESTAT.Ecode, every slot filled (see exit.h). */
#include "exit.h"
#include "core/arch.h"
#include "core/panic.h"
#include "core/vcpu.h"
#include <arch/csr.h>
#include "lib/printf.h"

/* Ranges first, then the causes lvisor handles: the later entries win (as in KVM's table). */
#pragma clang diagnostic ignored "-Winitializer-overrides"
static const exit_handler_t exit_table[64] = {
    [0 ... 63] = exit_unexpected,    [ECODE_INT] = exit_interrupt,
    [ECODE_PIL] = exit_stage2_fault, [ECODE_PIS] = exit_stage2_fault,
    [ECODE_PIF] = exit_stage2_fault, [ECODE_PME] = exit_stage2_fault,
    [ECODE_PNR] = exit_stage2_fault, [ECODE_PNX] = exit_stage2_fault,
    [ECODE_PPI] = exit_stage2_fault, [ECODE_GSPR] = exit_gspr,
    [ECODE_HVC] = exit_hvc,
};

struct vcpu *arch_handle_exit(struct vcpu *v)
{
    struct vcpu_regs *r = &v->arch.regs;
    v->exits++;
    if (!(csr_read(CSR_GSTAT) & GSTAT_PVM))
        panic("exception in root mode: estat %lx era %lx badv %lx badi %lx", r->estat, r->pc,
              r->badv, r->badi);

    u32 ecode = (u32)((r->estat & ESTAT_ECODE_MASK) >> ESTAT_ECODE_SHIFT);
    v->exit_causes[ecode]++;
    enum exit_result res = exit_table[ecode](v, ecode);
    /* the common case first: one branch on the hypercall path */
    if (__builtin_expect(res == EXIT_DONE, 1)) {
        r->pc += 4;
    } else if (res == EXIT_IDLE) {
        r->pc += 4;
        vcpu_wait_for_interrupt(v);
    } else if (res == EXIT_PENDING) {
        vcpu_wait_mmio(v); /* mmio_complete moves the PC */
    }
    vcpu_service_fast(v);
    guest_ipi_line_update(v);
    return v;
}

enum exit_result exit_unexpected(struct vcpu *v, u32 ecode)
{
    pr_warn("CPU %u: unexpected exit ecode %u at %lx (badi %lx): INE to guest\n", v->cpu, ecode,
            v->arch.regs.pc, v->arch.regs.badi);
    inject_exception(v, ECODE_INE, 0, 0, false);
    return EXIT_RESUME;
}
