/* Loads a LoongArch64 ELF (Linux vmlinux) into zone memory. Portable: unit-tested. */
#ifndef CORE_ELF_LOADER_H
#define CORE_ELF_LOADER_H

#include "lib/types.h"

enum elf_error {
    ELF_OK,
    ELF_BAD_HEADER,
    ELF_TRUNCATED,
    ELF_NO_SEGMENTS,
    ELF_OUTSIDE_ZONE,
};

/* Returns a host pointer to zone memory [gpa, gpa+size), or NULL if not zone RAM. */
typedef void *(*gpa_map_fn)(void *ctx, u64 gpa, u64 size);

struct elf_info {
    u64 entry;     /* physical (48-bit) */
    u64 low, high; /* physical span of the loaded segments */
};

enum elf_error elf_load(const void *image, u64 image_size, gpa_map_fn map, void *ctx,
                        struct elf_info *out);
const char *elf_error_str(enum elf_error e);

/* Linux maps its kernel in DMW windows; the physical address is the low 48 bits. */
#define ELF_PHYS_MASK ((1UL << 48) - 1)

#endif
