/*
 * Frames between the zone and the tap. Output (queue 1): a chain's readable
 * bytes are the header and one frame, written to the tap in one write.
 * Input (queue 0): one frame read from the tap (polled only while the zone
 * has a receive chain waiting), written behind a zeroed header into the
 * chain's writable bytes; a frame larger than the chain is dropped.
 */
#include "net.h"
#include "log.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define RX_QUEUE 0
#define TX_QUEUE 1

#define VIRTIO_NET_F_MAC 5
/* virtio_net_hdr with num_buffers, always this long with VERSION_1 */
#define NET_HDR 12
/* the largest frame a tap hands over without offloads, with room to spare */
#define FRAME_MAX 65550

bool net_open(struct net *n, const char *name, const uint8_t mac[6])
{
    memset(n, 0, sizeof(*n));
    n->fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (n->fd < 0)
        return false;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
    if (ioctl(n->fd, TUNSETIFF, &ifr)) {
        int e = errno;
        close(n->fd);
        n->fd = -1;
        errno = e;
        return false;
    }
    snprintf(n->ifname, sizeof(n->ifname), "%s", ifr.ifr_name);
    memcpy(n->mac, mac, 6);
    /* up, so that the root only has to bridge it or give it an address */
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s >= 0) {
        if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
            ifr.ifr_flags |= IFF_UP;
            if (ioctl(s, SIOCSIFFLAGS, &ifr))
                logf_("tap %s: cannot bring it up: %s", n->ifname, strerror(errno));
        }
        close(s);
    }
    return true;
}

void net_close(struct net *n)
{
    if (n->fd >= 0)
        close(n->fd);
    n->fd = -1;
}

void net_config(struct vdev *d)
{
    struct net *n = d->priv;
    memset(d->config, 0, sizeof(d->config));
    memcpy(d->config, n->mac, 6);
    d->config_len = 8; /* mac, and status (not offered) */
}

static void drop(struct vdev *d, struct net *n, unsigned long *count, const char *what)
{
    (*count)++;
    log_once(&n->dropped_logged, "%s: %s %s dropped (logged once)", d->name, n->ifname, what);
}

static void transmit(struct vdev *d)
{
    struct net *n = d->priv;
    static uint8_t frame[FRAME_MAX];
    static struct vq_chain c;
    struct vq *q;
    unsigned done = 0;
    while ((q = vdev_queue(d, TX_QUEUE)) && !vdev_batch_over(d, TX_QUEUE, done)) {
        int r = vq_pop(q, d->mem, &c);
        if (r < 0) {
            vdev_needs_reset(d, TX_QUEUE, q->err);
            break;
        }
        if (r == 0)
            break;
        if (c.read_len < NET_HDR || c.read_len - NET_HDR > FRAME_MAX) {
            drop(d, n, &n->dropped_tx, "a malformed frame from the zone");
        } else {
            uint64_t len = chain_read(&c, NET_HDR, frame, c.read_len - NET_HDR);
            if (len && write(n->fd, frame, len) != (ssize_t)len)
                drop(d, n, &n->dropped_tx, "a frame the tap refused");
        }
        vq_push(q, c.head, 0);
        done++;
    }
    if (done)
        vdev_interrupt(d);
}

static void receive(struct vdev *d)
{
    struct net *n = d->priv;
    static uint8_t frame[NET_HDR + FRAME_MAX];
    static struct vq_chain c;
    struct vq *q;
    bool done = false;
    while ((q = vdev_queue(d, RX_QUEUE)) && vq_has_buffers(q)) {
        ssize_t len = read(n->fd, frame + NET_HDR, FRAME_MAX);
        if (len <= 0)
            break;
        int r = vq_pop(q, d->mem, &c);
        if (r < 0) {
            vdev_needs_reset(d, RX_QUEUE, q->err);
            break;
        }
        if (r == 0)
            break;
        uint64_t total = NET_HDR + (uint64_t)len;
        if (c.write_len < total) {
            drop(d, n, &n->dropped_rx, "a frame larger than the zone's buffer");
            vq_push(q, c.head, 0);
        } else {
            memset(frame, 0, NET_HDR);
            frame[10] = 1; /* num_buffers */
            chain_write(&c, 0, frame, total);
            vq_push(q, c.head, (uint32_t)total);
        }
        done = true;
    }
    if (done)
        vdev_interrupt(d);
}

static void net_notify(struct vdev *d, unsigned q)
{
    if (q == TX_QUEUE)
        transmit(d);
    else
        receive(d);
}

static int net_poll_fd(struct vdev *d) { return ((struct net *)d->priv)->fd; }

static bool net_wants_input(struct vdev *d)
{
    struct vq *q = vdev_queue(d, RX_QUEUE);
    return q && vq_has_buffers(q);
}

const struct vdev_ops net_ops = {
    .kind = "net",
    .device_id = 1,
    .nqueues = 2,
    .features = 1ULL << VIRTIO_NET_F_MAC,
    .notify = net_notify,
    .poll_fd = net_poll_fd,
    .wants_input = net_wants_input,
    .input = receive,
};
