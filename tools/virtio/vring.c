/*
 * Split virtqueues in zone memory. Everything the zone wrote is read once
 * into a local copy and checked there: the zone may change its rings at any
 * time, but not what the daemon already checked. avail->idx is read with
 * acquire (the ring entries it covers are visible after it); used->idx is
 * stored with release after the used entry.
 */
#include "vring.h"
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>

void vq_reset(struct vq *q, uint32_t num_max)
{
    memset(q, 0, sizeof(*q));
    q->num = num_max;
}

static bool fail(struct vq *q, const char *fmt, unsigned long long a, unsigned long long b)
{
    snprintf(q->err, sizeof(q->err), fmt, a, b);
    return false;
}

/* vq_pop's answer for a malformed chain. */
static int bad(struct vq *q, const char *fmt, unsigned long long a, unsigned long long b)
{
    fail(q, fmt, a, b);
    return -1;
}

bool vq_setup(struct vq *q, const struct zone_mem *m, uint32_t num_max)
{
    uint32_t n = q->num;
    if (n == 0 || n > num_max || (n & (n - 1)))
        return fail(q, "queue size %llu is not a power of 2 up to %llu", n, num_max);
    if (q->desc_gpa % 16 || q->avail_gpa % 2 || q->used_gpa % 4)
        return fail(q, "descriptor table 0x%llx or rings 0x%llx misaligned", q->desc_gpa,
                    q->avail_gpa);
    q->desc = zone_ptr(m, q->desc_gpa, 16ULL * n);
    q->avail = zone_ptr(m, q->avail_gpa, 6 + 2ULL * n);
    q->used = zone_ptr(m, q->used_gpa, 6 + 8ULL * n);
    if (!q->desc || !q->avail || !q->used) {
        q->desc = NULL;
        q->avail = NULL;
        q->used = NULL;
        return fail(q, "descriptor table 0x%llx or rings (used 0x%llx) outside the zone's memory",
                    q->desc_gpa, q->used_gpa);
    }
    q->last_avail = 0;
    q->used_idx = 0;
    return true;
}

bool vq_has_buffers(const struct vq *q)
{
    if (!q->ready || !q->avail)
        return false;
    return __atomic_load_n(&q->avail->idx, __ATOMIC_ACQUIRE) != q->last_avail;
}

int vq_pop(struct vq *q, const struct zone_mem *m, struct vq_chain *c)
{
    if (!q->ready || !q->avail)
        return 0;
    uint16_t idx = __atomic_load_n(&q->avail->idx, __ATOMIC_ACQUIRE);
    uint16_t waiting = (uint16_t)(idx - q->last_avail);
    if (waiting == 0)
        return 0;
    if (waiting > q->num)
        return bad(q, "available index %llu is more than the queue size ahead of %llu", idx,
                   q->last_avail);
    uint16_t head = __atomic_load_n(&q->avail->ring[q->last_avail % q->num], __ATOMIC_RELAXED);
    if (head >= q->num)
        return bad(q, "chain head %llu is not below the queue size %llu", head, q->num);

    c->head = head;
    c->n = c->n_read = 0;
    c->read_len = c->write_len = 0;
    uint16_t i = head;
    for (;;) {
        if (c->n >= q->num)
            return bad(q, "chain from descriptor %llu is longer than the queue size %llu (a loop?)",
                       head, q->num);
        struct vring_desc d;
        memcpy(&d, &q->desc[i], sizeof(d));
        if (d.flags & VRING_DESC_F_INDIRECT)
            return bad(q, "descriptor %llu of chain %llu is indirect (not offered)", i, head);
        uint8_t *p = zone_ptr(m, d.addr, d.len);
        if (!p)
            return bad(q, "buffer 0x%llx + 0x%llx is outside the zone's memory", d.addr, d.len);
        bool w = (d.flags & VRING_DESC_F_WRITE) != 0;
        if (!w && c->n > c->n_read)
            return bad(q, "descriptor %llu is readable after a writable one in chain %llu", i,
                       head);
        c->buf[c->n++] = (struct vq_buf){.p = p, .len = d.len, .write = w};
        if (w) {
            c->write_len += d.len;
        } else {
            c->n_read++;
            c->read_len += d.len;
        }
        if (!(d.flags & VRING_DESC_F_NEXT))
            break;
        if (d.next >= q->num)
            return bad(q, "descriptor %llu points to %llu, past the queue", i, d.next);
        i = d.next;
    }
    q->last_avail++;
    return 1;
}

void vq_push(struct vq *q, uint16_t head, uint32_t len)
{
    if (!q->used)
        return;
    struct vring_used_elem *e = &q->used->ring[q->used_idx % q->num];
    e->id = head;
    e->len = len;
    q->used_idx++;
    __atomic_store_n(&q->used->idx, q->used_idx, __ATOMIC_RELEASE);
}

static uint64_t chain_copy(const struct vq_chain *c, bool write, uint64_t off, uint8_t *mem,
                           uint64_t len, bool into_chain)
{
    uint64_t done = 0;
    unsigned first = write ? c->n_read : 0, end = write ? c->n : c->n_read;
    for (unsigned k = first; k < end && done < len; k++) {
        const struct vq_buf *b = &c->buf[k];
        if (off >= b->len) {
            off -= b->len;
            continue;
        }
        uint64_t n = b->len - off;
        if (n > len - done)
            n = len - done;
        if (into_chain)
            memcpy(b->p + off, mem + done, n);
        else
            memcpy(mem + done, b->p + off, n);
        done += n;
        off = 0;
    }
    return done;
}

uint64_t chain_read(const struct vq_chain *c, uint64_t off, void *dst, uint64_t len)
{
    return chain_copy(c, false, off, dst, len, false);
}

uint64_t chain_write(const struct vq_chain *c, uint64_t off, const void *src, uint64_t len)
{
    return chain_copy(c, true, off, (uint8_t *)(uintptr_t)src, len, true);
}

int chain_iov(const struct vq_chain *c, bool write, uint64_t off, uint64_t len, struct iovec *iov,
              int max)
{
    int n = 0;
    unsigned first = write ? c->n_read : 0, end = write ? c->n : c->n_read;
    for (unsigned k = first; k < end && len; k++) {
        const struct vq_buf *b = &c->buf[k];
        if (off >= b->len) {
            off -= b->len;
            continue;
        }
        uint64_t take = b->len - off;
        if (take > len)
            take = len;
        if (n == max)
            return -1;
        iov[n].iov_base = b->p + off;
        iov[n].iov_len = take;
        n++;
        len -= take;
        off = 0;
    }
    return len ? -1 : n;
}
