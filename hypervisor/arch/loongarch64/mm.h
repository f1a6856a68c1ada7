/* Physical <-> lvisor virtual addresses (DMW windows). */
#ifndef ARCH_MM_H
#define ARCH_MM_H

#include "lib/types.h"
#include "arch/loongarch64/asm_offsets.h"

#define PHYS_MASK ((1UL << 48) - 1)

static inline void *phys_to_virt(paddr_t pa) { return (void *)(pa | DMW_CACHED_BASE); }
static inline void *phys_to_io(paddr_t pa) { return (void *)(pa | DMW_UNCACHED_BASE); }
static inline paddr_t virt_to_phys(const void *va) { return (u64)va & PHYS_MASK; }

#endif
