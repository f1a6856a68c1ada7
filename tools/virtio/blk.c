/*
 * Block requests (virtio 1.x, 5.2.6): a 16-byte header {type, reserved,
 * sector} in the readable part, the data, and a status byte at the very
 * end of the writable part. Every request is checked against the image's
 * end before a byte moves; one outside it fails with IOERR.
 */
#include "blk.h"
#include "log.h"
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define SECTOR 512

#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO      5
#define VIRTIO_BLK_F_FLUSH   9

#define VIRTIO_BLK_T_IN     0
#define VIRTIO_BLK_T_OUT    1
#define VIRTIO_BLK_T_FLUSH  4
#define VIRTIO_BLK_T_GET_ID 8

#define VIRTIO_BLK_S_OK     0
#define VIRTIO_BLK_S_IOERR  1
#define VIRTIO_BLK_S_UNSUPP 2

#define ID_BYTES 20
/* header and status take a descriptor each */
#define SEG_MAX (VQ_MAX_SIZE - 2)

struct blk_hdr {
    uint32_t type;
    uint32_t reserved;
    uint64_t sector;
};

bool blk_open(struct blk *b, const char *path, const char *id)
{
    memset(b, 0, sizeof(*b));
    b->fd = open(path, O_RDWR | O_CLOEXEC);
    if (b->fd < 0 && (errno == EACCES || errno == EROFS)) {
        b->fd = open(path, O_RDONLY | O_CLOEXEC);
        b->ro = true;
    }
    if (b->fd < 0)
        return false;
    struct stat st;
    if (fstat(b->fd, &st) || !S_ISREG(st.st_mode)) {
        int e = errno ? errno : EINVAL;
        if (!S_ISREG(st.st_mode))
            e = EINVAL;
        close(b->fd);
        b->fd = -1;
        errno = e;
        return false;
    }
    b->size = (uint64_t)st.st_size / SECTOR * SECTOR;
    /* NUL-padded, not NUL-terminated when it takes all 20 bytes (5.2.6) */
    size_t idlen = strlen(id);
    memcpy(b->id, id, idlen < sizeof(b->id) ? idlen : sizeof(b->id));
    return true;
}

void blk_close(struct blk *b)
{
    if (b->fd >= 0)
        close(b->fd);
    b->fd = -1;
}

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

void blk_config(struct vdev *d)
{
    struct blk *b = d->priv;
    memset(d->config, 0, sizeof(d->config));
    put_le(d->config + 0, b->size / SECTOR, 8); /* capacity */
    put_le(d->config + 12, SEG_MAX, 4);         /* seg_max */
    d->config_len = 24;
}

/* All of the iovecs moved from / to the image at off (one preadv/pwritev while none is short). */
static bool move(struct blk *b, bool write, struct iovec *iov, int n, uint64_t off)
{
    while (n > 0) {
        int batch = n < IOV_MAX ? n : IOV_MAX;
        ssize_t r =
            write ? pwritev(b->fd, iov, batch, (off_t)off) : preadv(b->fd, iov, batch, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        off += (uint64_t)r;
        /* past the iovecs done, into the one cut short */
        size_t left = (size_t)r;
        while (n > 0 && left >= iov->iov_len) {
            left -= iov->iov_len;
            iov++;
            n--;
        }
        if (n > 0) {
            iov->iov_base = (uint8_t *)iov->iov_base + left;
            iov->iov_len -= left;
        }
    }
    return true;
}

/* The status of one request; *written: bytes put into the writable part besides the status. */
static uint8_t request(struct blk *b, const struct vq_chain *c, const struct blk_hdr *h,
                       uint64_t *written)
{
    static struct iovec iov[VQ_MAX_SIZE];
    *written = 0;
    switch (h->type) {
    case VIRTIO_BLK_T_IN:
    case VIRTIO_BLK_T_OUT: {
        bool out = h->type == VIRTIO_BLK_T_OUT;
        uint64_t len = out ? c->read_len - sizeof(*h) : c->write_len - 1;
        if (out && b->ro)
            return VIRTIO_BLK_S_IOERR;
        if (h->sector > b->size / SECTOR || len > b->size - h->sector * SECTOR)
            return VIRTIO_BLK_S_IOERR;
        int n = out ? chain_iov(c, false, sizeof(*h), len, iov, VQ_MAX_SIZE)
                    : chain_iov(c, true, 0, len, iov, VQ_MAX_SIZE);
        if (n < 0 || !move(b, out, iov, n, h->sector * SECTOR))
            return VIRTIO_BLK_S_IOERR;
        if (!out)
            *written = len;
        return VIRTIO_BLK_S_OK;
    }
    case VIRTIO_BLK_T_FLUSH:
        return fsync(b->fd) == 0 ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
    case VIRTIO_BLK_T_GET_ID: {
        uint64_t room = c->write_len - 1;
        *written = chain_write(c, 0, b->id, room < ID_BYTES ? room : ID_BYTES);
        return VIRTIO_BLK_S_OK;
    }
    default:
        return VIRTIO_BLK_S_UNSUPP;
    }
}

static void blk_notify(struct vdev *d, unsigned qi)
{
    struct blk *b = d->priv;
    static struct vq_chain c;
    struct vq *q;
    unsigned done = 0;
    while ((q = vdev_queue(d, qi)) && !vdev_batch_over(d, qi, done)) {
        int r = vq_pop(q, d->mem, &c);
        if (r < 0) {
            vdev_needs_reset(d, qi, q->err);
            break;
        }
        if (r == 0)
            break;
        struct blk_hdr h;
        if (c.read_len < sizeof(h) || c.write_len < 1) {
            /* no header or no room for a status: nothing can be answered */
            snprintf(q->err, sizeof(q->err),
                     "request %u has %llu readable and %llu writable bytes (16 and 1 at least)",
                     c.head, (unsigned long long)c.read_len, (unsigned long long)c.write_len);
            vdev_needs_reset(d, qi, q->err);
            break;
        }
        chain_read(&c, 0, &h, sizeof(h));
        uint64_t written;
        uint8_t status = request(b, &c, &h, &written);
        if (status != VIRTIO_BLK_S_OK)
            log_once(&b->bad_req_logged,
                     "%s: request type %u sector %llu failed with status %u (logged once)", d->name,
                     h.type, (unsigned long long)h.sector, status);
        chain_write(&c, c.write_len - 1, &status, 1);
        /* a length past 32 bits (the same memory in many descriptors) is cut, never wrapped */
        vq_push(q, c.head, written + 1 > UINT32_MAX ? UINT32_MAX : (uint32_t)(written + 1));
        done++;
    }
    if (done)
        vdev_interrupt(d);
}

const struct vdev_ops blk_ops = {
    .kind = "blk",
    .device_id = 2,
    .nqueues = 1,
    .features = 1ULL << VIRTIO_BLK_F_SEG_MAX | 1ULL << VIRTIO_BLK_F_FLUSH,
    .notify = blk_notify,
};

const struct vdev_ops blk_ro_ops = {
    .kind = "blk",
    .device_id = 2,
    .nqueues = 1,
    .features = 1ULL << VIRTIO_BLK_F_SEG_MAX | 1ULL << VIRTIO_BLK_F_FLUSH | 1ULL << VIRTIO_BLK_F_RO,
    .notify = blk_notify,
};
