/* Root TLB maintenance for guests (cpu.c); kept out of the portable stage-2 code. */
#ifndef ARCH_TLB_H
#define ARCH_TLB_H

#include "lib/types.h"

/* Drops every TLB entry (both stages) tagged with guest id `gid` on this CPU. */
void tlb_flush_guest(u32 gid);

#endif
