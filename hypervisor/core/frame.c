/* Bitmap frame allocator (portable; unit-tested on the host). */
#include "core/frame.h"
#include "lib/spinlock.h"
#include "lib/string.h"

struct frame_pool hv_frames;
static spinlock_t frame_lock = SPINLOCK_INIT;

void frame_pool_init(struct frame_pool *p, u64 base, u64 size)
{
    memset(p, 0, sizeof(*p));
    p->base = ALIGN_UP(base, FRAME_SIZE);
    u64 n = (base + size > p->base) ? (base + size - p->base) / FRAME_SIZE : 0;
    p->nr = (u32)(n > FRAME_POOL_MAX_FRAMES ? FRAME_POOL_MAX_FRAMES : n);
}

void *frame_alloc(struct frame_pool *p)
{
    void *f = NULL;
    spin_lock(&frame_lock);
    for (u32 k = 0; k < p->nr; k++) {
        u32 i = (p->hint + k) % p->nr;
        if (!(p->bitmap[i / 64] & (1UL << (i % 64)))) {
            p->bitmap[i / 64] |= 1UL << (i % 64);
            p->used++;
            p->hint = i + 1;
            f = (void *)(p->base + (u64)i * FRAME_SIZE);
            break;
        }
    }
    spin_unlock(&frame_lock);
    if (f)
        memset(f, 0, FRAME_SIZE);
    return f;
}

void frame_free(struct frame_pool *p, void *frame)
{
    u64 a = (u64)frame;
    if (a < p->base || !IS_ALIGNED(a - p->base, FRAME_SIZE))
        return;
    u64 i = (a - p->base) / FRAME_SIZE;
    if (i >= p->nr)
        return;
    spin_lock(&frame_lock);
    if (p->bitmap[i / 64] & (1UL << (i % 64))) {
        p->bitmap[i / 64] &= ~(1UL << (i % 64));
        p->used--;
    }
    spin_unlock(&frame_lock);
}
