/*
 * The console's two queues. Output (queue 1): every readable byte of each
 * chain goes to the pty master; when the pty is full (nobody reads the
 * slave) the rest is dropped and counted, so a zone can never stall the
 * daemon. Input (queue 0): read from the master straight into the next
 * writable chain; the main loop polls the master only while the zone has
 * such a chain waiting.
 */
#include "console.h"
#include "log.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#define RX_QUEUE 0
#define TX_QUEUE 1

bool console_open(struct console *c)
{
    memset(c, 0, sizeof(*c));
    c->master = c->slave = -1;
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (m < 0)
        return false;
    const char *name;
    if (grantpt(m) || unlockpt(m) || !(name = ptsname(m)))
        goto fail;
    snprintf(c->path, sizeof(c->path), "%s", name);
    int s = open(c->path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0)
        goto fail;
    struct termios t;
    if (tcgetattr(s, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(s, TCSANOW, &t);
    }
    c->master = m;
    c->slave = s;
    return true;
fail:;
    int e = errno;
    close(m);
    errno = e;
    return false;
}

void console_close(struct console *c)
{
    if (c->master >= 0)
        close(c->master);
    if (c->slave >= 0)
        close(c->slave);
    c->master = c->slave = -1;
}

static void output(struct vdev *d, struct console *c, const struct vq_chain *ch)
{
    for (unsigned k = 0; k < ch->n_read; k++) {
        const uint8_t *p = ch->buf[k].p;
        size_t left = ch->buf[k].len;
        while (left) {
            ssize_t n = write(c->master, p, left);
            if (n > 0) {
                p += n;
                left -= (size_t)n;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            c->dropped += left;
            log_once(&c->dropped_logged, "%s: %s is full: output dropped (logged once)", d->name,
                     c->path);
            left = 0;
        }
    }
}

static void transmit(struct vdev *d)
{
    struct console *c = d->priv;
    struct vq *q;
    struct vq_chain ch;
    unsigned done = 0;
    while ((q = vdev_queue(d, TX_QUEUE)) && !vdev_batch_over(d, TX_QUEUE, done)) {
        int r = vq_pop(q, d->mem, &ch);
        if (r < 0) {
            vdev_needs_reset(d, TX_QUEUE, q->err);
            break;
        }
        if (r == 0)
            break;
        output(d, c, &ch);
        vq_push(q, ch.head, 0);
        done++;
    }
    if (done)
        vdev_interrupt(d);
}

static void receive(struct vdev *d)
{
    struct console *c = d->priv;
    struct vq *q;
    struct vq_chain ch;
    struct iovec iov[VQ_MAX_SIZE];
    bool done = false;
    while ((q = vdev_queue(d, RX_QUEUE))) {
        int r = vq_pop(q, d->mem, &ch);
        if (r < 0) {
            vdev_needs_reset(d, RX_QUEUE, q->err);
            break;
        }
        if (r == 0)
            break;
        int n = chain_iov(&ch, true, 0, ch.write_len, iov, VQ_MAX_SIZE);
        ssize_t got = n > 0 ? readv(c->master, iov, n) : 0;
        if (got <= 0 && n > 0) {
            /* nothing to read (or the pty is gone for now): the chain goes back unused */
            q->last_avail--;
            break;
        }
        vq_push(q, ch.head, (uint32_t)(got > 0 ? got : 0));
        done = true;
    }
    if (done)
        vdev_interrupt(d);
}

static void console_notify(struct vdev *d, unsigned q)
{
    if (q == TX_QUEUE)
        transmit(d);
    else
        receive(d);
}

static int console_poll_fd(struct vdev *d) { return ((struct console *)d->priv)->master; }

static bool console_wants_input(struct vdev *d)
{
    struct vq *q = vdev_queue(d, RX_QUEUE);
    return q && vq_has_buffers(q);
}

const struct vdev_ops console_ops = {
    .kind = "console",
    .device_id = 3,
    .nqueues = 2,
    .features = 0,
    .notify = console_notify,
    .poll_fd = console_poll_fd,
    .wants_input = console_wants_input,
    .input = receive,
};
