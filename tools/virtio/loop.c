/* The main loop: the ring, then epoll (at once while busy, blocking when idle). */
#include "loop.h"
#include "log.h"
#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#define EV_KICK 100
#define EV_STOP 101

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static bool add_fd(int ep, int fd, uint32_t events, uint32_t tag)
{
    struct epoll_event ev = {.events = events, .data.u32 = tag};
    return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0;
}

bool loop_init(struct loop *l, struct daemon *dm, int kick, int stop)
{
    memset(l, 0, sizeof(*l));
    l->kick = kick;
    l->stop = stop;
    l->spin_ns = LOOP_SPIN_NS;
    l->ep = epoll_create1(EPOLL_CLOEXEC);
    if (l->ep < 0)
        return false;
    bool ok = (kick < 0 || add_fd(l->ep, kick, EPOLLIN, EV_KICK)) &&
              add_fd(l->ep, stop, EPOLLIN, EV_STOP);
    for (unsigned i = 0; ok && i < dm->ndevs; i++) {
        struct vdev *d = &dm->devs[i];
        if (d->ops->poll_fd)
            ok = add_fd(l->ep, d->ops->poll_fd(d), 0, i);
    }
    if (!ok) {
        int e = errno;
        close(l->ep);
        errno = e;
    }
    return ok;
}

void loop_close(struct loop *l)
{
    if (l->ep >= 0)
        close(l->ep);
    l->ep = -1;
}

/* Back ends are polled only while their device has buffers to fill. */
static void update_interest(struct loop *l, struct daemon *dm)
{
    for (unsigned i = 0; i < dm->ndevs; i++) {
        struct vdev *d = &dm->devs[i];
        if (!d->ops->poll_fd)
            continue;
        bool want = d->ops->wants_input(d);
        if (want == l->polled[i])
            continue;
        struct epoll_event ev = {.events = want ? EPOLLIN : 0, .data.u32 = i};
        if (epoll_ctl(l->ep, EPOLL_CTL_MOD, d->ops->poll_fd(d), &ev) == 0)
            l->polled[i] = want;
    }
}

/* What epoll returned; false when told to stop. *worked: a device had input. */
static bool handle(struct loop *l, struct daemon *dm, const struct epoll_event *evs, int n,
                   bool *worked)
{
    for (int k = 0; k < n; k++) {
        uint32_t tag = evs[k].data.u32;
        if (tag == EV_KICK) {
            uint64_t v;
            if (read(l->kick, &v, sizeof(v)) == sizeof(v))
                l->kicks++;
        } else if (tag == EV_STOP) {
            struct signalfd_siginfo si;
            if (read(l->stop, &si, sizeof(si)) == sizeof(si))
                logf_("signal %u: stopping", si.ssi_signo);
            else
                logf_("stopping");
            return false;
        } else if (tag < dm->ndevs) {
            struct vdev *d = &dm->devs[tag];
            d->ops->input(d);
            *worked = true;
        }
    }
    return true;
}

bool loop_run(struct loop *l, struct daemon *dm)
{
    struct epoll_event evs[16];
    uint64_t last = now_ns();
    for (;;) {
        /* busy or not, epoll is looked at: signals and input wait for no zone to go quiet */
        bool busy = serve_requests(dm) != 0;
        if (busy)
            last = now_ns();
        bool sleep = !busy && now_ns() - last > l->spin_ns;
        if (sleep && !bridge_sleep_begin(&dm->bridge))
            continue; /* a request came in meanwhile */
        update_interest(l, dm);
        int timeout = sleep ? (l->kick >= 0 ? -1 : LOOP_NO_KICK_POLL_MS) : 0;
        int n = epoll_wait(l->ep, evs, 16, timeout);
        if (sleep) {
            bridge_sleep_end(&dm->bridge);
            l->sleeps++;
        }
        if (n < 0 && errno != EINTR) {
            logf_("epoll_wait: %s", strerror(errno));
            return false;
        }
        bool worked = false;
        if (n > 0 && !handle(l, dm, evs, n, &worked))
            return true;
        if (worked || sleep)
            last = now_ns();
    }
}
