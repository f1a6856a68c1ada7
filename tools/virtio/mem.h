/*
 * A zone's memory as the daemon sees it: each region the zone's guest
 * addresses [gpa, gpa + size) and where the daemon has it mapped. Every
 * address a zone hands the daemon goes through zone_ptr.
 */
#ifndef VIRTIO_MEM_H
#define VIRTIO_MEM_H

#include <stdint.h>

#define ZONE_MAX_REGIONS 64

struct mem_region {
    uint64_t gpa;
    uint64_t size;
    uint8_t *host;
};

struct zone_mem {
    unsigned n;
    struct mem_region r[ZONE_MAX_REGIONS];
};

/*
 * The daemon's pointer to the zone's [gpa, gpa + len), or NULL unless the
 * whole range lies inside one region. len 0 needs gpa inside a region too.
 */
void *zone_ptr(const struct zone_mem *m, uint64_t gpa, uint64_t len);

#endif
