/* Physical frame allocator for lvisor's own data (page tables): 4 KiB frames from one pool. */
#ifndef CORE_FRAME_H
#define CORE_FRAME_H

#include "lib/types.h"

#define FRAME_SIZE            4096UL
#define FRAME_POOL_MAX_FRAMES 4096 /* 16 MiB */

struct frame_pool {
    u64 base; /* address of frame 0 (as lvisor dereferences it) */
    u32 nr;   /* frames in the pool */
    u32 used;
    u32 hint; /* next index to try */
    u64 bitmap[FRAME_POOL_MAX_FRAMES / 64];
};

void frame_pool_init(struct frame_pool *p, u64 base, u64 size);
/* Returns a zeroed frame or NULL when the pool is exhausted. */
void *frame_alloc(struct frame_pool *p);
void frame_free(struct frame_pool *p, void *frame);

/* lvisor's pool, set up at boot. */
extern struct frame_pool hv_frames;

#endif
