/* HVC exits: hvcl from the guest; a0 = code, a1/a2 = arguments, result in a0. */
#include "exit.h"
#include "core/hypercall.h"
#include "core/vcpu.h"

enum exit_result exit_hvc(struct vcpu *v, u32 ecode)
{
    (void)ecode;
    u64 *gpr = v->arch.regs.gpr;
    /* Like hvisor, any hvcl immediate is a hypercall. */
    gpr[REG_A0] = (u64)hypercall_dispatch(v, gpr[REG_A0], gpr[REG_A1], gpr[REG_A2]);
    return EXIT_DONE;
}
