/* Physical layout on QEMU's virt board (low RAM 0-256 MiB) and the bench's
 * sizes. The guest's stage-2 map is the identity, so the guest runs the
 * root's own code at the same addresses and every guest-physical page still
 * needs a stage-2 entry. */
#ifndef BENCH_LAYOUT_H
#define BENCH_LAYOUT_H

#include <loongarch/regs.h>

#define BUF_BASE 0x4000000UL /* 64 MiB */
#ifndef BUF_MIB
#define BUF_MIB 16
#endif
#define BUF_BYTES ((unsigned long)BUF_MIB << 20)
#ifndef PASSES
#define PASSES 400
#endif
#ifndef STREAM_PASSES
#define STREAM_PASSES 8
#endif
#ifndef ROUNDS
#define ROUNDS 5
#endif

/* 4 KiB pages in both stages: QEMU 10.0 ignores csrwr STLBPS (the root keeps
 * its reset value 12), so this is the size both modes can use in the STLB. */
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
/* Paging on, DATF = DATM = coherent cached, PLV0, IE off (Linux's 0xb0). */
#define CRMD_PAGED (CRMD_PG | CRMD_DATF_CC | CRMD_DATM_CC)
#define GUEST_GID 1

#endif
