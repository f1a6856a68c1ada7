/*
 * The guest's IOCSR IPI block, emulated per vCPU so that guest IPIs never touch
 * the physical IPI registers lvisor uses for its own events. Register offsets
 * and send encodings follow QEMU's loongson_ipi / Linux's asm/loongarch.h.
 * Portable: unit-tested on the host.
 */
#ifndef ARCH_VIPI_H
#define ARCH_VIPI_H

#include "lib/types.h"
#include <loongarch/regs.h>

struct vipi {
    u32 status; /* set by any CPU (atomic or), cleared by the owner */
    u32 en;
    u32 mbox[8]; /* MBUF0-3 as 32-bit words, little-endian halves */
};

/* Guest read of a register of its own block; false if off/size is not one. */
bool vipi_read(struct vipi *p, u32 off, u32 size, u64 *val);
/* Guest write to its own block (EN, SET, CLEAR, MBUFn); false if not one. */
bool vipi_write(struct vipi *p, u32 off, u32 size, u64 val);
/* Set status bits (possibly from another CPU). */
void vipi_raise(struct vipi *p, u32 bits);
/* IPI line level as seen by the guest: STATUS & EN. Inline: every exit asks. */
static inline bool vipi_pending(const struct vipi *p)
{
    return (__atomic_load_n(&p->status, __ATOMIC_ACQUIRE) &
            __atomic_load_n(&p->en, __ATOMIC_ACQUIRE)) != 0;
}
/* Deliver the data half of a MBUF_SEND/ANY_SEND to mailbox word `word` (0-7). */
void vipi_mail_store(struct vipi *p, u32 word, u64 send_val);
u64 vipi_mbox64(const struct vipi *p, u32 box);

/* Field decoders for the send registers. */
static inline u32 ipi_send_cpu(u64 v) { return (u32)(v >> 16) & 0x3ff; }
static inline u32 ipi_send_vector(u64 v) { return (u32)v & 0x1f; }
static inline u32 mail_send_word(u64 v) { return (u32)(v >> 2) & 0x7; }
static inline u32 any_send_addr(u64 v) { return (u32)v & 0xffff; }

#endif
