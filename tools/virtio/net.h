/*
 * virtio-net (device ID 1) on a tap interface of the root zone: queue 0
 * carries frames to the zone, queue 1 the zone's frames, each behind the
 * 12-byte virtio_net_hdr of VERSION_1 (no offloads: the zone checksums its
 * own frames). The MAC of the config is offered (VIRTIO_NET_F_MAC). The
 * daemon brings the tap up; the root bridges it or gives it an address.
 */
#ifndef VIRTIO_NET_H
#define VIRTIO_NET_H

#include "mmio.h"

struct net {
    int fd; /* the tap, non-blocking */
    char ifname[16];
    uint8_t mac[6];
    unsigned long dropped_rx, dropped_tx; /* frames with no room, or refused by the tap */
    bool dropped_logged;
};

extern const struct vdev_ops net_ops;

/* Opens (creating if need be) tap `name` and brings it up; false with errno set. */
bool net_open(struct net *n, const char *name, const uint8_t mac[6]);
void net_close(struct net *n);
/* The config space (mac) into d->config. */
void net_config(struct vdev *d);

#endif
