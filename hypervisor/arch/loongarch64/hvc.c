/* HVC exits: hvcl from the guest; a0 = code, a1/a2 = arguments, result in a0. */
#include "arch/loongarch64/exit.h"
#include "core/hypercall.h"
#include "core/vcpu.h"

void hvc_handle(struct vcpu *v)
{
    /* Like hvisor, any hvcl immediate is a hypercall. */
    v->gpr[REG_A0] = (u64)hypercall_dispatch(v, v->gpr[REG_A0], v->gpr[REG_A1], v->gpr[REG_A2]);
    v->pc += 4;
}
