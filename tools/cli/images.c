/*
 * Images for a zone: the kernel, device tree and modules are read whole
 * before anything is loaded, so a missing file or one too big for the
 * zone's RAM stops `zone start` before any CPU leaves the root.
 */
#include "images.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool image_read(struct image *img, char *err, size_t errlen)
{
    if (!img->path)
        return true;
    int fd = open(img->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open \"%s\": %s", img->key, img->path, strerror(errno));
        return false;
    }
    struct stat st;
    const char *why = NULL;
    if (fstat(fd, &st) < 0)
        why = strerror(errno);
    else if (!S_ISREG(st.st_mode))
        why = "not a regular file";
    else if (st.st_size == 0)
        why = "empty file";
    else if (!(img->data = malloc((size_t)st.st_size)))
        why = "out of memory";
    size_t got = 0;
    while (!why && got < (size_t)st.st_size) {
        ssize_t n = read(fd, (char *)img->data + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            why = n < 0 ? strerror(errno) : "the file shrank while it was read";
        else
            got += (size_t)n;
    }
    close(fd);
    if (why) {
        snprintf(err, errlen, "%s: cannot read \"%s\": %s", img->key, img->path, why);
        image_free(img);
        return false;
    }
    img->len = got;
    return true;
}

bool image_fits(const struct image *img, const char *paddr_key, const struct lvisor_zone_config *zc,
                char *err, size_t errlen)
{
    if (!img->path)
        return true;
    uint64_t pa = img->load_paddr, need = IMAGE_ROUND(img->len);
    for (uint32_t i = 0; i < zc->num_memory_regions; i++) {
        const struct lvisor_mem_region *r = &zc->memory_regions[i];
        if (r->type != LVISOR_MEM_RAM || pa < r->physical_start ||
            pa - r->physical_start >= r->size)
            continue;
        uint64_t room = r->size - (pa - r->physical_start);
        if (need <= room)
            return true;
        char pages[48] = "";
        if (need != img->len)
            snprintf(pages, sizeof(pages), " (0x%llx in 4 KiB pages)", (unsigned long long)need);
        snprintf(err, errlen,
                 "%s: \"%s\" is 0x%zx bytes%s, but memory_regions[%u] (RAM 0x%llx+0x%llx) "
                 "holds only 0x%llx from 0x%llx",
                 img->key, img->path, img->len, pages, i, (unsigned long long)r->physical_start,
                 (unsigned long long)r->size, (unsigned long long)room, (unsigned long long)pa);
        return false;
    }
    snprintf(err, errlen, "%s: 0x%llx is in none of the zone's RAM regions (for \"%s\")", paddr_key,
             (unsigned long long)pa, img->path);
    return false;
}

void image_free(struct image *img)
{
    free(img->data);
    img->data = NULL;
    img->len = 0;
}
