/*
 * The extended I/O interrupt controller (EIOINTC) as zones see it: its IOCSR
 * registers pass through to the zone that owns the board's devices (the root
 * zone), with cross-CPU routing retargeted from vCPU to physical CPU numbers.
 */
#ifndef DRIVERS_EIOINTC_H
#define DRIVERS_EIOINTC_H

#include "lib/types.h"

#define EIOINTC_IOCSR_START 0x1400
#define EIOINTC_IOCSR_END   0x1d00

static inline bool eiointc_owns(u64 iocsr)
{
    return iocsr >= EIOINTC_IOCSR_START && iocsr < EIOINTC_IOCSR_END;
}

/* A zone's access to an EIOINTC register of its own CPU: passed through. */
void eiointc_access(u64 iocsr, u32 size, bool is_write, u64 *val);
/* A zone's ANY_SEND into an EIOINTC register of CPU `phys_cpu`. */
void eiointc_any_send(u64 send_val, u32 phys_cpu);

#endif
