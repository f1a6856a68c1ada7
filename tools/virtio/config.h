/*
 * hvisor-tool's virtio JSON:
 *   {"zones": [{"id": N, "memory_region": [{"zone0_ipa", "zonex_ipa", "size"}],
 *               "devices": [{"type", "addr", "len", "irq", "status", "img" | "tap", "mac"}]}]}
 * read with cJSON, key for key as hvisor-tool does, with every problem an
 * error that names the file, the key path and what is wrong.
 */
#ifndef VIRTIO_CONFIG_H
#define VIRTIO_CONFIG_H

#include "bridge.h"
#include "mem.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VCFG_MAX_ZONES 32
#define VCFG_PATH_LEN  256

enum vcfg_type { VCFG_CONSOLE, VCFG_BLK, VCFG_NET };

struct vcfg_region {
    uint64_t zone0_ipa; /* where the root (the daemon) maps it: a host physical address */
    uint64_t zonex_ipa; /* where the zone sees it */
    uint64_t size;
};

struct vcfg_zone {
    uint32_t id;
    unsigned nregions;
    struct vcfg_region regions[ZONE_MAX_REGIONS];
};

struct vcfg_dev {
    unsigned zone; /* index into zones[] */
    enum vcfg_type type;
    uint64_t addr, len;
    uint32_t irq;
    char img[VCFG_PATH_LEN];
    char tap[16];
    uint8_t mac[6];
};

struct vcfg {
    unsigned nzones;
    struct vcfg_zone zones[VCFG_MAX_ZONES];
    unsigned ndevs;
    struct vcfg_dev devs[BRIDGE_MAX_DEVS];
};

/* The file into *cfg; false with "file: path: problem" in err. */
bool vcfg_load(const char *file, struct vcfg *cfg, char *err, size_t errlen);

#endif
