/* The workloads.
 *
 * work(): integer arithmetic interleaved with a page-permuted walk over a
 * buffer, one 64-byte line per page visit, so every step touches a new page
 * and the TLBs (LoongArch's and the emulator's own) are exercised: a worst
 * case for translation.
 *
 * stream(): the ordinary case, CPU- and memory-bound with pages touched in
 * address order: every 8-byte word of one half of the buffer is read, mixed
 * (multiplies, shifts, xors) and written to the other half; the halves swap
 * roles every pass. Each page is used 512 times in a row. */
#include <baremetal/csr.h>

#include "layout.h"
#include "work.h"

u64 work(u64 *buf, u64 bytes, unsigned int passes)
{
    u64 npages = bytes >> PAGE_SHIFT, acc = 0x243f6a8885a308d3UL;

    for (unsigned int pass = 0; pass < passes; pass++) {
        u64 line = (pass * 8) % (PAGE_SIZE / 8 - 8);
        for (u64 i = 0; i < npages; i++) {
            /* An odd multiplier permutes 0..npages-1 (npages is a power of 2). */
            u64 page = (i * 1031) & (npages - 1);
            u64 *w = buf + page * (PAGE_SIZE / 8) + line;
            for (int k = 0; k < 8; k++) {
                u64 x = w[k] * 6364136223846793005UL + acc;
                acc = (acc ^ (x >> 29)) * 0x9e3779b97f4a7c15UL + (u64)k;
                w[k] = x;
            }
        }
    }
    return acc;
}

u64 stream(u64 *buf, u64 bytes, unsigned int passes)
{
    u64 half = bytes / 16, acc = 0x13198a2e03707344UL;
    u64 *a = buf, *b = buf + half;

    for (unsigned int pass = 0; pass < passes; pass++) {
        const u64 *src = pass & 1 ? b : a;
        u64 *dst = pass & 1 ? a : b;

        for (u64 i = 0; i < half; i++) {
            u64 x = src[i] + acc;
            x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
            x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
            x ^= x >> 31;
            acc = (acc ^ x) + (acc << 7);
            dst[i] = x;
        }
    }
    return acc;
}

void paging_on(void);
void paging_off(void);

/* One workload on the shared buffer: the same start state for every run,
 * since native and guest use the same memory. */
static void timed(struct result *r, int wl, u64 (*fn)(u64 *, u64, unsigned int), unsigned int passes)
{
    u64 *buf = (u64 *)BUF_BASE, t0;

    for (u64 i = 0; i < BUF_BYTES / 8; i++)
        buf[i] = i * 0x100000001b3UL;
    paging_on();
    t0 = rdtime();
    r->sum[wl] = fn(buf, BUF_BYTES, passes);
    r->ticks[wl] = rdtime() - t0;
    paging_off();
}

void run_paged(struct result *r)
{
    timed(r, WL_TLB, work, PASSES);
    timed(r, WL_STREAM, stream, STREAM_PASSES);
}
