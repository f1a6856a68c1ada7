/*
 * lvisor hypercall ABI, shared with the root-zone driver and CLI.
 * Numbers and registers are hvisor's (hvcl 0; a0 = code, a1/a2 = arguments,
 * result in a0; negative errno on failure) so hvisor-tool works unchanged.
 */
#ifndef LVISOR_HYPERCALL_H
#define LVISOR_HYPERCALL_H

#define HVC_VIRTIO_INIT 0
#define HVC_VIRTIO_INJECT_IRQ 1
#define HVC_ZONE_START 2
#define HVC_ZONE_SHUTDOWN 3
#define HVC_ZONE_LIST 4
#define HVC_IVC_INFO 5
#define HVC_CONFIG_CHECK 6
#define HVC_SET_BOOT_MODE 8
#define HVC_GET_ECAM_BASE 9
#define HVC_DEASSERT_IRQ 11
#define HVC_CLEAR_INJECT_IRQ_LEGACY 20
#define HVC_VIRTIO_GET_IRQ 86

/*
 * lvisor's own numbers, far from hvisor's. HVC_LVISOR_EXIT_COUNT: a1 = CPU,
 * a2 = ESTAT.Ecode (0-63), or 64 for all exits, 65 for idle exits, 66 for
 * stage-2 TLB refills (served without an exit); returns the count since boot
 * (root zone only), for the benches.
 */
#define HVC_LVISOR_EXIT_COUNT 0x4c56
#define LVISOR_EXIT_ALL 64
#define LVISOR_EXIT_IDLE 65
#define LVISOR_EXIT_TLB_REFILL 66
/* a1 = PA of a buffer, a2 = its size: copies why the last ZONE_START was refused (root only). */
#define HVC_LVISOR_LAST_ERROR 0x4c57
/* Returns how many of lvisor's frames (page-table pages) are free (root only). */
#define HVC_LVISOR_FREE_FRAMES 0x4c58
/* a1 = PA of a buffer, a2 = its size: copies the last a2 bytes of lvisor's log; returns how
 * many (root only). */
#define HVC_LVISOR_LOG 0x4c59

/* Value HVC_CONFIG_CHECK writes: the zone_config layout of hvisor-tool HEAD. */
#define LVISOR_CONFIG_MAGIC 0x6
#define LVISOR_CONFIG_MAGIC_LEGACY 0x5

/* Error codes returned in a0 (negated). */
#define HV_EPERM 1
#define HV_EIO 5
#define HV_ENOMEM 12
#define HV_EFAULT 14
#define HV_EBUSY 16
#define HV_EEXIST 17
#define HV_EINVAL 22
#define HV_ENOSYS 38

/*
 * struct zone_info as HVC_ZONE_LIST fills it (56 bytes). ram_mib sits in
 * what hvisor leaves as padding: hvisor-tool never reads it.
 */
#define LVISOR_ZONE_NAME_LEN 32
struct lvisor_zone_info {
    unsigned int zone_id;
    unsigned int ram_mib; /* the zone's RAM in MiB (lvisor only) */
    unsigned long long cpus;
    char name[LVISOR_ZONE_NAME_LEN];
    unsigned char is_err; /* 1: stopped by a fault (parked), 0: running */
    unsigned char pad1[7];
};

#endif
