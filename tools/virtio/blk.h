/*
 * virtio-blk (device ID 2) on a raw image file: one request queue; read,
 * write, flush (fsync) and GET_ID; the capacity in 512-byte sectors in the
 * config space. An image the daemon may not write is offered read-only.
 */
#ifndef VIRTIO_BLK_H
#define VIRTIO_BLK_H

#include "mmio.h"

struct blk {
    int fd;
    uint64_t size; /* bytes; whole sectors are offered */
    bool ro;
    char id[20]; /* GET_ID's answer, NUL-padded */
    bool bad_req_logged;
};

extern const struct vdev_ops blk_ops;
extern const struct vdev_ops blk_ro_ops;

/* Opens the image (read-write, else read-only); false with errno set. */
bool blk_open(struct blk *b, const char *path, const char *id);
void blk_close(struct blk *b);
/* The config space (capacity, seg_max) into d->config. */
void blk_config(struct vdev *d);

#endif
