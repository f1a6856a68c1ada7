/*
 * The three failure tiers. A fault caused by a guest gets an architectural
 * exception in that guest (vcpu_arch_inject_exception). A fault fatal to one
 * zone parks that zone (zone_park, zone.h). A bug in lvisor itself ends here:
 * panic prints the CPU, the cause, the last exception's ERA/BADV and a
 * backtrace, and stops every CPU.
 */
#ifndef CORE_PANIC_H
#define CORE_PANIC_H

#include "lib/types.h"

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Set once by panic: every CPU halts at its next exit or wake-up. */
extern volatile u32 hv_stopping;

#endif
