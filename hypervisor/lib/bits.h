/* Bit-field helpers shared by the decoders and the emulation paths. */
#ifndef LIB_BITS_H
#define LIB_BITS_H

#include "lib/types.h"

/* The low `bits` bits of v (1-64), sign- or zero-extended to 64. */
static inline u64 sign_extend(u64 v, u32 bits)
{
    return bits >= 64 ? v : (u64)((s64)(v << (64 - bits)) >> (64 - bits));
}

static inline u64 zero_extend(u64 v, u32 bits) { return bits >= 64 ? v : v & ((1UL << bits) - 1); }

#endif
