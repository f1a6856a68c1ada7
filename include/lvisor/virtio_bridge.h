/*
 * The virtio bridge page hvisor-tool's daemon and the hypervisor share (one
 * 4 KiB page the root allocates and hands over with HVISOR_INIT_VIRTIO):
 * requests from the zones' MMIO accesses, the daemon's responses (interrupts
 * to raise), and the per-CPU answers to config accesses. Field for field as
 * hvisor-tool lays it out, so either side works with the other's.
 */
#ifndef LVISOR_VIRTIO_BRIDGE_H
#define LVISOR_VIRTIO_BRIDGE_H

#include "zone_config.h"

typedef __UINT16_TYPE__ lvisor_u16;

#define LVISOR_BRIDGE_MAX_REQ  32 /* ring slots (31 usable: full when rear + 1 == front) */
#define LVISOR_BRIDGE_MAX_DEVS 8
#define LVISOR_BRIDGE_MAX_CPUS 32 /* cfg_flags/cfg_values are indexed by physical CPU */
#define LVISOR_VIRTIO_WAKEUP_HWI 4 /* the root's wake-up line: CPU interrupt 4, HWI2 */
#define LVISOR_VIRTIO_QUEUE_NOTIFY 0x50
#define LVISOR_VIRTIO_STATUS       0x70 /* written 0: the device resets */

/* A zone's access to a virtio-mmio window. */
struct lvisor_bridge_req {
    lvisor_u64 src_cpu; /* the physical CPU waiting for the answer */
    lvisor_u64 address; /* the region's physical_start + the offset of the access */
    lvisor_u64 size;
    lvisor_u64 value; /* written value */
    lvisor_u32 src_zone;
    lvisor_u8 is_write;
    lvisor_u8 need_interrupt; /* a QueueNotify write: nobody waits for an answer */
    lvisor_u16 padding;
};

/* Raise interrupt irq_id (a CPU interrupt number, 2-9 = HWI0-7) in zone target_zone. */
struct lvisor_bridge_res {
    lvisor_u32 target_zone;
    lvisor_u32 irq_id;
};

struct lvisor_bridge_page {
    lvisor_u32 req_front; /* daemon: next request it takes */
    lvisor_u32 req_rear;  /* hypervisor: next free request slot */
    lvisor_u32 res_front; /* hypervisor: next response it takes */
    lvisor_u32 res_rear;  /* daemon: next free response slot */
    struct lvisor_bridge_req req_list[LVISOR_BRIDGE_MAX_REQ];
    struct lvisor_bridge_res res_list[LVISOR_BRIDGE_MAX_REQ];
    lvisor_u64 cfg_flags[LVISOR_BRIDGE_MAX_CPUS];  /* daemon increments after answering */
    lvisor_u64 cfg_values[LVISOR_BRIDGE_MAX_CPUS]; /* the answer to a read */
    lvisor_u64 mmio_addrs[LVISOR_BRIDGE_MAX_DEVS];
    lvisor_u8 mmio_avail;  /* daemon: devices are ready */
    lvisor_u8 need_wakeup; /* daemon: asleep, kick me */
};

_Static_assert(sizeof(struct lvisor_bridge_req) == 40, "request entry");
_Static_assert(__builtin_offsetof(struct lvisor_bridge_page, req_list) == 16, "req_list");
_Static_assert(__builtin_offsetof(struct lvisor_bridge_page, res_list) == 1296, "res_list");
_Static_assert(__builtin_offsetof(struct lvisor_bridge_page, cfg_flags) == 1552, "cfg_flags");
_Static_assert(__builtin_offsetof(struct lvisor_bridge_page, cfg_values) == 1808, "cfg_values");
_Static_assert(__builtin_offsetof(struct lvisor_bridge_page, mmio_addrs) == 2064, "mmio_addrs");
_Static_assert(__builtin_offsetof(struct lvisor_bridge_page, mmio_avail) == 2128, "mmio_avail");
_Static_assert(__builtin_offsetof(struct lvisor_bridge_page, need_wakeup) == 2129, "need_wakeup");

#endif
