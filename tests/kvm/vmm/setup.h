#ifndef VMM_SETUP_H
#define VMM_SETUP_H

#include "kvm.h"

/* Gives the vCPU the host's CPU description (as far as KVM allows), a reset
 * CSR state in DA mode, a counter starting at 0, and its entry PC. */
void vcpu_setup(struct vm *vm, uint64_t entry);

#endif
