/* Offsets into struct vcpu used by the vectors; checked against the C layout in vcpu.h. */
#ifndef ARCH_ASM_OFFSETS_H
#define ARCH_ASM_OFFSETS_H

#define VCPU_GPR(n) ((n) * 8)
#define VCPU_PC 256
#define VCPU_ESTAT 264
#define VCPU_BADV 272
#define VCPU_BADI 280
#define VCPU_STACK_TOP 288
#define VCPU_TLBR_GPR(n) (296 + (n) * 8)

#define STACK_SIZE 16384
#define MAX_CPUS 8

/* lvisor runs in the cached direct-map window; device registers in the uncached one. */
#define DMW_CACHED_BASE 0x9000000000000000
#define DMW_UNCACHED_BASE 0x8000000000000000

#endif
