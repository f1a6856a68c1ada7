/* ELF64 loader: copies PT_LOAD segments to their physical addresses, zeroes bss. */
#include "core/elf_loader.h"
#include "lib/string.h"

#define EM_LOONGARCH 258
#define PT_LOAD      1

struct elf64_ehdr {
    u8 ident[16];
    u16 type, machine;
    u32 version;
    u64 entry, phoff, shoff;
    u32 flags;
    u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
    u32 type, flags;
    u64 offset, vaddr, paddr, filesz, memsz, align;
};

enum elf_error elf_load(const void *image, u64 image_size, gpa_map_fn map, void *ctx,
                        struct elf_info *out)
{
    const struct elf64_ehdr *eh = image;
    if (image_size < sizeof(*eh))
        return ELF_TRUNCATED;
    if (memcmp(eh->ident, "\177ELF", 4) || eh->ident[4] != 2 /* 64-bit */ ||
        eh->ident[5] != 1 /* LE */ || eh->machine != EM_LOONGARCH ||
        eh->phentsize != sizeof(struct elf64_phdr))
        return ELF_BAD_HEADER;
    if (eh->phoff > image_size ||
        (u64)eh->phnum * sizeof(struct elf64_phdr) > image_size - eh->phoff)
        return ELF_TRUNCATED;

    const struct elf64_phdr *ph = (const void *)((const u8 *)image + eh->phoff);
    out->low = ~0UL;
    out->high = 0;
    int loaded = 0;
    for (u16 i = 0; i < eh->phnum; i++) {
        const struct elf64_phdr *p = &ph[i];
        if (p->type != PT_LOAD || !p->memsz)
            continue;
        if (p->filesz > p->memsz || p->offset > image_size || p->filesz > image_size - p->offset)
            return ELF_TRUNCATED;
        u64 pa = p->paddr & ELF_PHYS_MASK;
        u8 *dst = map(ctx, pa, p->memsz);
        if (!dst)
            return ELF_OUTSIDE_ZONE;
        memcpy(dst, (const u8 *)image + p->offset, p->filesz);
        memset(dst + p->filesz, 0, p->memsz - p->filesz);
        if (pa < out->low)
            out->low = pa;
        if (pa + p->memsz > out->high)
            out->high = pa + p->memsz;
        loaded++;
    }
    if (!loaded)
        return ELF_NO_SEGMENTS;
    out->entry = eh->entry & ELF_PHYS_MASK;
    return ELF_OK;
}

const char *elf_error_str(enum elf_error e)
{
    switch (e) {
    case ELF_OK:
        return "ok";
    case ELF_BAD_HEADER:
        return "not a LoongArch64 little-endian ELF";
    case ELF_TRUNCATED:
        return "truncated or inconsistent ELF";
    case ELF_NO_SEGMENTS:
        return "no loadable segments";
    case ELF_OUTSIDE_ZONE:
        return "segment outside zone RAM";
    }
    return "?";
}
