/*
 * The files a zone config names (kernel, device tree, modules): read in
 * full before /dev/hvisor is opened, and checked to fit in the zone's RAM.
 */
#ifndef IMAGES_H
#define IMAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <lvisor/zone_config.h>

/* What a loaded image takes in the zone's RAM: whole 4 KiB pages, as hvisor-tool counts it. */
#define IMAGE_PAGE       4096ULL
#define IMAGE_ROUND(len) (((uint64_t)(len) + IMAGE_PAGE - 1) & ~(IMAGE_PAGE - 1))

struct image {
    char key[256];       /* the JSON key naming the file, "modules[1].filepath" */
    char *path;          /* NULL: none (the path "null") */
    uint64_t load_paddr; /* host physical address it goes to */
    void *data;
    size_t len;
};

/*
 * Reads img->path (unless none). False with a message in err: the file
 * cannot be opened or read, is no regular file, or is empty.
 */
bool image_read(struct image *img, char *err, size_t errlen);

/*
 * The RAM region of zc holding load_paddr must hold the whole image (in
 * pages), as lvisor will check. False with a message in err (paddr_key
 * names the load address).
 */
bool image_fits(const struct image *img, const char *paddr_key, const struct lvisor_zone_config *zc,
                char *err, size_t errlen);

void image_free(struct image *img);

#endif
