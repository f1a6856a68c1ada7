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
#include "work.h"
#include "csr.h"
#include "layout.h"

uint64_t work(uint64_t *buf, uint64_t bytes, unsigned int passes)
{
    uint64_t npages = bytes >> PAGE_SHIFT, acc = 0x243f6a8885a308d3UL;

    for (unsigned int pass = 0; pass < passes; pass++) {
        uint64_t line = (pass * 8) % (PAGE_SIZE / 8 - 8);
        for (uint64_t i = 0; i < npages; i++) {
            /* An odd multiplier permutes 0..npages-1 (npages is a power of 2). */
            uint64_t page = (i * 1031) & (npages - 1);
            uint64_t *w = buf + page * (PAGE_SIZE / 8) + line;
            for (int k = 0; k < 8; k++) {
                uint64_t x = w[k] * 6364136223846793005UL + acc;
                acc = (acc ^ (x >> 29)) * 0x9e3779b97f4a7c15UL + (uint64_t)k;
                w[k] = x;
            }
        }
    }
    return acc;
}

uint64_t stream(uint64_t *buf, uint64_t bytes, unsigned int passes)
{
    uint64_t half = bytes / 16, acc = 0x13198a2e03707344UL;
    uint64_t *a = buf, *b = buf + half;

    for (unsigned int pass = 0; pass < passes; pass++) {
        const uint64_t *src = pass & 1 ? b : a;
        uint64_t *dst = pass & 1 ? a : b;

        for (uint64_t i = 0; i < half; i++) {
            uint64_t x = src[i] + acc;
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

static void init_buf(uint64_t *buf)
{
    for (uint64_t i = 0; i < BUF_BYTES / 8; i++)
        buf[i] = i * 0x100000001b3UL;
}

void run_paged(struct result *r)
{
    uint64_t *buf = (uint64_t *)BUF_BASE, t0;

    /* Same start state for every run: native and guest share the buffer. */
    init_buf(buf);
    paging_on();
    t0 = rdtime();
    r->sum[WL_TLB] = work(buf, BUF_BYTES, PASSES);
    r->ticks[WL_TLB] = rdtime() - t0;
    paging_off();

    init_buf(buf);
    paging_on();
    t0 = rdtime();
    r->sum[WL_STREAM] = stream(buf, BUF_BYTES, STREAM_PASSES);
    r->ticks[WL_STREAM] = rdtime() - t0;
    paging_off();
}
