/*
 * virtio-console (device ID 3) with one port and no multiport: queue 0
 * carries input to the zone, queue 1 its output. The other end is a pty in
 * the root zone: the zone's output is written to its master, whatever is
 * typed into the slave (microcom /dev/pts/N) comes back as input.
 */
#ifndef VIRTIO_CONSOLE_H
#define VIRTIO_CONSOLE_H

#include "mmio.h"
#include <stddef.h>

struct console {
    int master;            /* non-blocking */
    int slave;             /* held open: the master then never reads as hung up */
    char path[64];         /* /dev/pts/N */
    unsigned long dropped; /* output bytes the pty had no room for */
    bool dropped_logged;
};

extern const struct vdev_ops console_ops;

/* A new pty, raw, its slave's path in c->path; false with errno set. */
bool console_open(struct console *c);
void console_close(struct console *c);

#endif
