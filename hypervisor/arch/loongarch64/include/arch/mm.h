/* Physical <-> lvisor virtual addresses (DMW windows). */
#ifndef ARCH_MM_H
#define ARCH_MM_H

/* lvisor runs in the cached direct-map window; device registers in the uncached one. */
#define DMW_CACHED_BASE   0x9000000000000000
#define DMW_UNCACHED_BASE 0x8000000000000000

#ifndef __ASSEMBLY__
#include "lib/types.h"

#define PHYS_MASK ((1UL << 48) - 1)

static inline void *phys_to_virt(paddr_t pa) { return (void *)(pa | DMW_CACHED_BASE); }
static inline void *phys_to_io(paddr_t pa) { return (void *)(pa | DMW_UNCACHED_BASE); }
static inline paddr_t virt_to_phys(const void *va) { return (u64)va & PHYS_MASK; }
#endif

#endif
