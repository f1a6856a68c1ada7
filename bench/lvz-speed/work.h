#ifndef BENCH_WORK_H
#define BENCH_WORK_H

#include <stdint.h>

/* What one timed run produced. */
struct result {
    uint64_t ticks; /* constant-timer ticks for the workload alone */
    uint64_t sum;   /* checksum: native and guest must agree */
};

uint64_t work(uint64_t *buf, uint64_t bytes, unsigned int passes);
/* Turns on paging (identity map, filled on demand by tlbr_vec), runs the
 * workload, turns paging off. Runs unchanged in root mode and in a guest. */
void run_paged(struct result *r);

#endif
