#ifndef BENCH_WORK_H
#define BENCH_WORK_H

#include <baremetal/types.h>

/* The workloads, in the order run_paged() times them. */
enum { WL_TLB, WL_STREAM, WL_NUM };

/* What one timed run produced, per workload. */
struct result {
    u64 ticks[WL_NUM]; /* constant-timer ticks for the workload alone */
    u64 sum[WL_NUM];   /* checksum: native and guest must agree */
};

/* TLB stress: one 64-byte line per 4 KiB page, pages in permuted order. */
u64 work(u64 *buf, u64 bytes, unsigned int passes);
/* Streaming: arithmetic on every word, read from one half of the buffer
 * and written to the other, pages in address order. */
u64 stream(u64 *buf, u64 bytes, unsigned int passes);
/* Runs each workload on a freshly initialised buffer with paging turned on
 * (identity map, filled on demand by tlbr_vec) and a flushed TLB. Runs
 * unchanged in root mode and in a guest. */
void run_paged(struct result *r);

#endif
