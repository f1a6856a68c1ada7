/*
 * A zone the root asks for (HVC_ZONE_START): the whole zone_config is
 * checked against the platform and the running zones before anything
 * changes, then turned into the zone_config lvisor builds zones from.
 * Portable: unit-tested on the host.
 */
#ifndef CORE_ZONE_REQUEST_H
#define CORE_ZONE_REQUEST_H

#include "lib/types.h"
#include "core/config.h"
#include <lvisor/zone_config.h>

/* What the caller knows of the platform and the running zones. */
struct zone_request_rules {
    struct hv_memory hv;               /* lvisor's own memory: never given to a zone */
    const struct phys_range *zone_ram; /* RAM set aside for non-root zones */
    u32 nr_zone_ram;
    const struct phys_range *io; /* device ranges the platform lets zones have */
    u32 nr_io;
    /* devices smaller than a page (a UART among others): any alignment, trapped, not mapped */
    const struct phys_range *trapped;
    u32 nr_trapped;
    u64 gpa_limit;   /* a zone's GPAs lie below this (what stage 2 can map) */
    u32 max_zone_id; /* ids 1..max_zone_id, at most 63 */
    u64 ids_in_use;  /* bit n: zone n exists (the root included) */
    u64 cpus_present;
    u64 cpus_free; /* not in a running non-root zone, not online in the root */
    /* running non-root zones: their RAM is taken (the root's is outside zone_ram) */
    const struct zone_config *const *running;
    u32 nr_running;
};

/* Where a Linux zone's EFI boot data goes ([0, 2 MiB) is reserved by Linux itself). */
#define ZONE_BOOT_AREA_GPA  0x10000
#define ZONE_BOOT_AREA_SIZE 0x1000

/* An image the root loaded into the zone's RAM, at a zone GPA. */
struct zone_image {
    paddr_t gpa;
    u64 size; /* 0: none */
};

/* A checked request. cfg.mem and cfg.name point into the struct itself. */
struct zone_request {
    struct zone_config cfg;
    struct mem_region mem[LVISOR_MAX_MEM_REGIONS]; /* a VIRTIO region's hpa: no memory */
    char name[LVISOR_ZONE_NAME_LEN + 1];
    u64 entry; /* GPA: entry_point without its high (DMW) bits */
    struct zone_image kernel, dtb;
    bool legacy_layout; /* the older, 3056-byte layout */
    /* a device tree, and RAM at ZONE_BOOT_AREA_GPA clear of the images: lvisor writes EFI
     * boot data there (a Linux zone); else the zone starts with every register 0, as on
     * hvisor (a bare-metal zone, or a kernel with a built-in device tree) */
    bool efi_boot;
};

/* Which check refused a request (the errno alone does not say). */
enum zone_rule {
    ZR_OK,
    ZR_BUFFER,            /* EFAULT: no buffer, or not 8-byte aligned */
    ZR_SIZE,              /* EINVAL: neither layout's size */
    ZR_ID,                /* EINVAL: 0 (the root) or above the zone table */
    ZR_ID_IN_USE,         /* EEXIST */
    ZR_NO_CPUS,           /* EINVAL */
    ZR_CPU_ABSENT,        /* EINVAL */
    ZR_CPU_BUSY,          /* EBUSY */
    ZR_NAME,              /* EINVAL: empty or not printable */
    ZR_COUNTS,            /* EINVAL: ivc, pci bus or pci device count out of range */
    ZR_NR_REGIONS,        /* EINVAL: 0 or above 64 */
    ZR_REGION_TYPE,       /* EINVAL */
    ZR_REGION_EMPTY,      /* EINVAL */
    ZR_REGION_UNALIGNED,  /* EINVAL: RAM/IO start or size not 4 KiB-aligned */
    ZR_REGION_WRAPS,      /* EINVAL: start + size overflows 64 bits */
    ZR_GPA_LIMIT,         /* EINVAL: beyond what stage 2 maps */
    ZR_GPA_OVERLAP,       /* EINVAL: two regions share zone addresses */
    ZR_HPA_OVERLAP,       /* EINVAL: two RAM/IO regions share host memory */
    ZR_HITS_HV,           /* EPERM: lvisor's own memory */
    ZR_RAM_NOT_SET_ASIDE, /* EPERM: not inside one range set aside for zones */
    ZR_RAM_IN_USE,        /* EBUSY: another running zone's RAM */
    ZR_IO_NOT_ALLOWED,    /* EPERM: not inside one device range zones may have */
    ZR_ENTRY,             /* EINVAL: not 4-byte aligned or not in the zone's RAM */
    ZR_KERNEL,            /* EINVAL: not inside one of the zone's RAM regions */
    ZR_DTB,               /* EINVAL: likewise */
    ZR_NR_RULES,          /* how many there are */
};

struct zone_reject {
    enum zone_rule rule;
    char why[160]; /* for the log, e.g. "memory_regions[2]: RAM 0x...+0x... outside ..." */
};

/*
 * Checks the zone_config in buf[0, size) (lvisor's own copy: the root
 * cannot change it meanwhile) and fills *out. Returns 0, or a negative
 * errno with *rej filled (if not NULL) and *out untouched. Reads nothing
 * of buf beyond size.
 */
int zone_request_check(const void *buf, u64 size, const struct zone_request_rules *rules,
                       struct zone_request *out, struct zone_reject *rej);

#endif
