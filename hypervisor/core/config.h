/* Static zone configuration, as written by a platform (platform/<board>/). */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include "lib/types.h"

enum mem_type {
    MEM_RAM,     /* cached, read/write/execute */
    MEM_IO,      /* device registers passed through, uncached */
    MEM_VIRTIO,  /* no memory behind it: accesses go to the root's virtio daemon */
    MEM_TRAPPED, /* device registers sharing a page with others': each access is checked and
                    forwarded */
};

/* A range of host physical addresses. */
struct phys_range {
    paddr_t base;
    u64 size;
};

struct mem_region {
    paddr_t hpa;
    paddr_t gpa;
    u64 size;
    u32 type;
};

struct zone_config {
    u32 id;
    const char *name;
    u64 cpus; /* bitmask of physical CPUs */
    u32 nr_mem;
    const struct mem_region *mem;
    const char *cmdline;  /* the guest kernel's command line */
    paddr_t kernel_image; /* where the loader placed the kernel ELF (HPA) */
    u64 kernel_image_max; /* size of that staging window */
    paddr_t initrd_image; /* where the loader placed the initrd (GPA == HPA here) */
    u64 initrd_max;
    u64 initrd_size; /* its size (0: none), from lvisor's boot arguments */
    const void *dtb; /* the zone's device tree blob (embedded) */
    const void *dtb_end;
    paddr_t boot_data_gpa; /* command line + EFI system table */
    paddr_t fdt_gpa;       /* where the device tree goes */
    u8 passthrough_irqs;   /* device interrupt lines the zone owns outright */
};

/* The hypervisor's own memory, reserved from every zone. */
struct hv_memory {
    paddr_t base;
    u64 size;
};

enum config_error {
    CONFIG_OK,
    CONFIG_EMPTY,
    CONFIG_UNALIGNED,
    CONFIG_OVERLAP,
    CONFIG_HITS_HYPERVISOR,
    CONFIG_NO_CPUS,
    CONFIG_BAD_CPU,
    CONFIG_BOOT_DATA_OUTSIDE_RAM,
};

/* Checks a zone config against itself and the hypervisor's memory. */
enum config_error zone_config_check(const struct zone_config *c, const struct hv_memory *hv,
                                    u32 nr_cpus);
const char *config_error_str(enum config_error e);
/* True if [gpa, gpa+size) lies inside one RAM region; *hpa gets the host address. */
bool zone_config_ram_range(const struct zone_config *c, paddr_t gpa, u64 size, paddr_t *hpa);

#endif
