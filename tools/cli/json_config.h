/*
 * A zone config file (hvisor-tool's JSON format) turned into the struct
 * lvisor_zone_config HVISOR_ZONE_START takes, with the files it names read
 * and checked. Nothing here touches /dev/hvisor.
 */
#ifndef JSON_CONFIG_H
#define JSON_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <lvisor/zone_config.h>
#include "images.h"

struct zone_json {
    struct lvisor_zone_config cfg; /* as hvisor-tool fills it; unused bytes 0 */
    struct image kernel, dtb;
    struct image *modules;
    int nr_modules;
};

/*
 * Parses file into zj. False with one line in err ("memory_regions[2].size:
 * ..."; the caller adds the file name); zj then holds nothing to free.
 */
bool zone_json_load(const char *file, struct zone_json *zj, char *err, size_t errlen);
void zone_json_free(struct zone_json *zj);

#endif
