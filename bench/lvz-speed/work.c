/* The workload: integer arithmetic interleaved with a page-permuted walk over
 * a buffer, one 64-byte line per page visit, so every step touches a new
 * page and the TLBs (LoongArch's and the emulator's own) are exercised. */
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

void paging_on(void);
void paging_off(void);

void run_paged(struct result *r)
{
    uint64_t *buf = (uint64_t *)BUF_BASE;

    /* Same start state for every run: native and guest share the buffer. */
    for (uint64_t i = 0; i < BUF_BYTES / 8; i++)
        buf[i] = i * 0x100000001b3UL;
    paging_on();
    uint64_t t0 = rdtime();
    r->sum = work(buf, BUF_BYTES, PASSES);
    r->ticks = rdtime() - t0;
    paging_off();
}
