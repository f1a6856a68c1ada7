/*
 * Virtio devices of non-root zones, served by a daemon in the root zone
 * through the bridge page (include/lvisor/virtio_bridge.h): a zone's access
 * to a `virtio` region becomes a request; the daemon answers config accesses
 * in the page and asks for interrupts with HVC_VIRTIO_INJECT_IRQ.
 */
#ifndef CORE_VIRTIO_BRIDGE_H
#define CORE_VIRTIO_BRIDGE_H

#include "lib/types.h"
#include "core/config.h"
#include "core/mmio.h"

struct zone;
struct vcpu;

/* HVC_VIRTIO_INIT: the root's page at root address pa becomes the bridge. */
s64 virtio_bridge_init(struct zone *root, u64 pa);
/* HVC_VIRTIO_INJECT_IRQ: every response in the page raises its zone's line. */
s64 virtio_bridge_finish(void);
/* HVC_DEASSERT_IRQ: lowers line irq_id (2-9) of zone_id (0, 4: the root's wake-up). */
s64 virtio_bridge_deassert(u64 zone_id, u64 irq_id);
/* HVC_CLEAR_INJECT_IRQ_LEGACY: lowers every line lvisor raised in the non-root zones. */
s64 virtio_bridge_clear_all(void);
/* A zone part: the zone's virtio regions trap into the bridge. */
bool virtio_bridge_register(struct mmio_table *t, const struct mem_region *r);
/* A zone's CPUs have stopped: the daemon is asked to reset each of its devices. */
void virtio_bridge_zone_stopped(const struct zone *z);
/* EVENT_SET_IRQ on the target CPU: arg from virtio_irq_event_arg. */
void virtio_bridge_set_irq_event(struct vcpu *v, u64 arg);

#endif
