/* vCPU state before the first KVM_RUN. KVM starts a vCPU with every CPUCFG
 * word 0; a guest (and KVM's own FPU and timer paths) needs real values. */
#include "setup.h"

#include <asm/kvm.h>
#include <loongarch/regs.h>

#define CPUCFG_WORDS 21 /* KVM_MAX_CPUCFG_REGS */

static uint32_t host_cpucfg(uint32_t word)
{
    uint32_t v;
    __asm__ volatile("cpucfg %0, %1" : "=r"(v) : "r"(word));
    return v;
}

void vcpu_setup(struct vm *vm, uint64_t entry)
{
    for (unsigned int w = 0; w < CPUCFG_WORDS; w++) {
        uint64_t v = host_cpucfg(w) & vcpu_cpucfg_mask(vm, w);
        if (v)
            vcpu_set_reg(vm, KVM_IOC_CPUCFG(w), v);
    }
    vcpu_set_reg(vm, KVM_IOC_CSRID(CSR_CRMD), CRMD_DA);
    vcpu_set_reg(vm, KVM_IOC_CSRID(CSR_ECFG), 0);
    vcpu_set_reg(vm, KVM_IOC_CSRID(CSR_ESTAT), 0);
    vcpu_set_reg(vm, KVM_IOC_CSRID(CSR_CPUID), 0);
    vcpu_set_reg(vm, KVM_REG_LOONGARCH_COUNTER, 0);
    vcpu_set_pc(vm, entry);
}
