/*
 * The daemon's state and its one job: take each request lvisor queued,
 * hand it to the device whose window holds its address in its zone, and
 * answer. Built from a parsed config; how zone memory gets mapped is the
 * caller's (/dev/hvisor in the daemon, plain memory in the tests).
 */
#ifndef VIRTIO_SERVE_H
#define VIRTIO_SERVE_H

#include "blk.h"
#include "bridge.h"
#include "config.h"
#include "console.h"
#include "mmio.h"
#include "net.h"

struct vzone {
    uint32_t id;
    struct zone_mem mem;
};

struct daemon {
    struct bridge bridge;
    unsigned nzones;
    struct vzone zones[VCFG_MAX_ZONES];
    unsigned ndevs;
    struct vdev devs[BRIDGE_MAX_DEVS];
    struct console consoles[BRIDGE_MAX_DEVS];
    struct blk blks[BRIDGE_MAX_DEVS];
    struct net nets[BRIDGE_MAX_DEVS];
    unsigned long unknown; /* requests for no device (answered 0) */
    bool unknown_logged;
};

/* Maps size bytes of root memory at zone0_ipa: the daemon's pointer, or NULL with err set. */
typedef void *(*map_fn)(void *ctx, uint64_t zone0_ipa, uint64_t size, char *err, size_t errlen);

/*
 * Every zone's memory mapped, every device opened (ptys, images), the
 * devices' windows in mmio_addrs. false with err set; what was opened is
 * closed again (mappings are the caller's).
 */
bool daemon_setup(struct daemon *dm, const struct vcfg *cfg, struct lvisor_bridge_page *page,
                  const struct hv_ops *hv, map_fn map, void *ctx, char *err, size_t errlen);
/* Devices ready: mmio_avail = 1. */
void daemon_start(struct daemon *dm);
/* Lines down, files closed, mmio_avail = 0. */
void daemon_teardown(struct daemon *dm);
/* One more batch of each queue cut short, then every waiting request: how many of both. */
unsigned serve_requests(struct daemon *dm);

#endif
