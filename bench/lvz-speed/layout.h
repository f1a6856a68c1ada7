/* Physical layout on QEMU's virt board (low RAM 0-256 MiB). The guest's
 * stage-2 map is the identity, so the guest runs the root's own code at the
 * same addresses and every guest-physical page still needs a stage-2 entry. */
#ifndef BENCH_LAYOUT_H
#define BENCH_LAYOUT_H

#define IMAGE_BASE 0x200000UL
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

#endif
