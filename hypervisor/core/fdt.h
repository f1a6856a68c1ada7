/* In-place edits of a flattened device tree (no resizing). Portable: unit-tested. */
#ifndef CORE_FDT_H
#define CORE_FDT_H

#include "lib/types.h"

/* Marks /cpus/cpu@N status "fail" for every N not in `present` (status must
 * be "okay" in the source tree). Returns the number of CPU nodes disabled,
 * or -1 if the blob is not a valid FDT. */
int fdt_disable_absent_cpus(void *fdt, u64 size, u64 present);

#endif
