/* Reads and in-place edits of a flattened device tree (no resizing). Portable: unit-tested. */
#ifndef CORE_FDT_H
#define CORE_FDT_H

#include "lib/types.h"

/* Marks /cpus/cpu@N status "fail" for every N not in `present` (status must
 * be "okay" in the source tree). Returns the number of CPU nodes disabled,
 * or -1 if the blob is not a valid FDT. */
int fdt_disable_absent_cpus(void *fdt, u64 size, u64 present);

/* Bit N for every /cpus/cpu@* node whose reg is N (< 64); -1 on an invalid FDT. */
s64 fdt_cpu_mask(const void *fdt, u64 size);

struct fdt_range {
    u64 base, size;
};

/* The (base, size) pairs of every /memory* node's reg (root #address-cells
 * and #size-cells must be 2). Returns how many were found (at most max are
 * stored), or -1 if the blob is not a valid FDT. */
int fdt_memory_ranges(const void *fdt, u64 size, struct fdt_range *out, int max);

/* Sets the size of the /memory* reg entry that starts at `base`. Returns the
 * number of entries changed (0: no such entry), or -1 on an invalid FDT. */
int fdt_set_memory_size(void *fdt, u64 size, u64 base, u64 new_size);

/* Sets the size of the reg entry of a /reserved-memory child that starts at `base` (as
 * fdt_set_memory_size does for /memory*). */
int fdt_set_reserved_size(void *fdt, u64 size, u64 base, u64 new_size);

/* Sets the reg entry (base and size) of the /reserved-memory child named `node`. Returns the
 * number of entries changed, or -1 on an invalid FDT. */
int fdt_set_reserved_node(void *fdt, u64 size, const char *node, u64 base, u64 new_size);

/* Copies /chosen/bootargs (NUL-terminated, cut to max - 1) into out; "" if the tree has none.
 * Returns its length, or -1 if the blob is not a valid FDT. */
int fdt_chosen_bootargs(void *fdt, u64 size, char *out, u32 max);

#endif
