/* Emulated IPI block (see vipi.h). */
#include <arch/vipi.h>

static u32 load32(const u32 *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }

bool vipi_read(struct vipi *p, u32 off, u32 size, u64 *val)
{
    if (off >= IOCSR_MBUF0 && off < IOCSR_MBUF_END) {
        u32 w = (off - IOCSR_MBUF0) / 4;
        if ((off & 3) || (size != 4 && size != 8) || (size == 8 && (off & 7)))
            return false;
        u64 v = load32(&p->mbox[w]);
        if (size == 8)
            v |= (u64)load32(&p->mbox[w + 1]) << 32;
        *val = v;
        return true;
    }
    if (size != 4 && size != 8)
        return false;
    switch (off) {
    case IOCSR_IPI_STATUS:
        *val = load32(&p->status);
        /* a 64-bit read at STATUS also returns EN in the high half */
        if (size == 8)
            *val |= (u64)load32(&p->en) << 32;
        return true;
    case IOCSR_IPI_EN:
        *val = load32(&p->en);
        return true;
    case IOCSR_IPI_SET:
    case IOCSR_IPI_CLEAR:
        *val = 0;
        return true;
    }
    return false;
}

bool vipi_write(struct vipi *p, u32 off, u32 size, u64 val)
{
    if (off >= IOCSR_MBUF0 && off < IOCSR_MBUF_END) {
        u32 w = (off - IOCSR_MBUF0) / 4;
        if ((off & 3) || (size != 4 && size != 8) || (size == 8 && (off & 7)))
            return false;
        __atomic_store_n(&p->mbox[w], (u32)val, __ATOMIC_RELEASE);
        if (size == 8)
            __atomic_store_n(&p->mbox[w + 1], (u32)(val >> 32), __ATOMIC_RELEASE);
        return true;
    }
    if (size != 4 && size != 8)
        return false;
    switch (off) {
    case IOCSR_IPI_EN:
        __atomic_store_n(&p->en, (u32)val, __ATOMIC_RELEASE);
        return true;
    case IOCSR_IPI_SET:
        vipi_raise(p, (u32)val);
        return true;
    case IOCSR_IPI_CLEAR:
        __atomic_fetch_and(&p->status, ~(u32)val, __ATOMIC_ACQ_REL);
        return true;
    case IOCSR_IPI_STATUS:
        return true; /* read-only: ignored */
    }
    return false;
}

void vipi_raise(struct vipi *p, u32 bits) { __atomic_fetch_or(&p->status, bits, __ATOMIC_ACQ_REL); }

/* Bits 27-30 of the send value select bytes to keep (QEMU send_ipi_data). */
void vipi_mail_store(struct vipi *p, u32 word, u64 send_val)
{
    u32 keep = 0;
    for (int i = 0; i < 4; i++)
        if (send_val & (1UL << (27 + i)))
            keep |= 0xffu << (i * 8);
    u32 *slot = &p->mbox[word & 7];
    u32 old = load32(slot);
    u32 data = (old & keep) | ((u32)(send_val >> 32) & ~keep);
    __atomic_store_n(slot, data, __ATOMIC_RELEASE);
}

u64 vipi_mbox64(const struct vipi *p, u32 box)
{
    return load32(&p->mbox[box * 2]) | (u64)load32(&p->mbox[box * 2 + 1]) << 32;
}
