/*
 * The daemon's main loop. It polls the request ring while there is work
 * (and epoll, without waiting, after each round);
 * after spin_ns with nothing to do it sets need_wakeup, looks at the ring a
 * last time, and sleeps in epoll until lvisor's kick (the eventfd the driver
 * signals on the root's wake-up interrupt), input on a device's back end, or
 * the stop descriptor (a signalfd in the daemon).
 */
#ifndef VIRTIO_LOOP_H
#define VIRTIO_LOOP_H

#include "serve.h"
#include <stdint.h>

/* Busy polling before sleeping: long enough for a driver's run of register accesses. */
#define LOOP_SPIN_NS (5 * 1000 * 1000ULL)
/* Without a kick eventfd, how often it looks at the ring while "asleep". */
#define LOOP_NO_KICK_POLL_MS 10

struct loop {
    int ep;
    int kick; /* eventfd, or -1: then sleeping is a LOOP_NO_KICK_POLL_MS poll */
    int stop; /* readable: stop */
    uint64_t spin_ns;
    bool polled[BRIDGE_MAX_DEVS]; /* EPOLLIN asked for the device's back end */
    unsigned long sleeps, kicks;  /* how often it slept, and was kicked */
};

/* The epoll set of kick, stop and every device's back end; false with errno set. */
bool loop_init(struct loop *l, struct daemon *dm, int kick, int stop);
/* Serves until stop is readable (true) or epoll fails (false). */
bool loop_run(struct loop *l, struct daemon *dm);
void loop_close(struct loop *l);

#endif
