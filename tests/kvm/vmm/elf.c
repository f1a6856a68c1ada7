/* Guest image loader: ELF64 little-endian LoongArch, PT_LOAD by p_paddr. */
#include "elf.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif

static void bad(const char *path, const char *why)
{
    fprintf(stderr, "vmm: %s: %s\n", path, why);
    exit(2);
}

static uint8_t *read_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0)
        die(path);
    uint8_t *buf = malloc((size_t)st.st_size);
    if (!buf)
        die("malloc");
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n <= 0)
            die(path);
        got += (size_t)n;
    }
    close(fd);
    *len = got;
    return buf;
}

uint64_t elf_load(struct vm *vm, const char *path)
{
    size_t len;
    uint8_t *img = read_file(path, &len);
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;

    if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_LOONGARCH)
        bad(path, "not a LoongArch ELF64 image");
    if (eh->e_phoff > len || eh->e_phnum > (len - eh->e_phoff) / sizeof(Elf64_Phdr))
        bad(path, "program headers out of the file");

    const Elf64_Phdr *ph = (const Elf64_Phdr *)(img + eh->e_phoff);
    for (unsigned int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD)
            continue;
        uint64_t pa = ph[i].p_paddr;
        if (ph[i].p_filesz > ph[i].p_memsz || ph[i].p_offset > len ||
            ph[i].p_filesz > len - ph[i].p_offset)
            bad(path, "segment out of the file");
        if (pa < vm->ram_base || ph[i].p_memsz > vm->ram_size ||
            pa - vm->ram_base > vm->ram_size - ph[i].p_memsz)
            bad(path, "segment outside guest RAM");
        uint8_t *dst = vm->ram + (pa - vm->ram_base);
        memcpy(dst, img + ph[i].p_offset, ph[i].p_filesz);
        memset(dst + ph[i].p_filesz, 0, ph[i].p_memsz - ph[i].p_filesz);
    }
    uint64_t entry = eh->e_entry;
    free(img);
    return entry;
}
