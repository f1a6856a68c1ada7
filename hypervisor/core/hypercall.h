/* Hypercall dispatch with hvisor's numbers (include/lvisor/hypercall.h). */
#ifndef CORE_HYPERCALL_H
#define CORE_HYPERCALL_H

#include "lib/types.h"

struct vcpu;

s64 hypercall_dispatch(struct vcpu *v, u64 code, u64 arg0, u64 arg1);

#endif
