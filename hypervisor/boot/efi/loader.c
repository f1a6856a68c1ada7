/*
 * lvisor.efi: the UEFI application that starts lvisor on a board whose
 * firmware is UEFI. It reads \lvisor\lvisor.cfg from the partition it was
 * loaded from, loads lvisor (lvisor.elf) into lvisor's own memory, allocated
 * at the board's address and marked reserved, stages the root zone's kernel
 * and initrd where the board's root zone config expects them, finds the
 * firmware's device tree (and ACPI RSDP) in the configuration table, takes
 * the memory map, exits boot services and enters lvisor on the boot CPU with
 * a0 = LVISOR_EFI_MAGIC, a1 = the handoff block (handoff.h). lvisor starts
 * the other CPUs from the firmware's mailbox loop itself.
 *
 * Every error before ExitBootServices is printed on the firmware console,
 * frees what was allocated and returns an error status to the firmware.
 * Otherwise it prints three short lines there: a firmware's console can be
 * slow, EDK2's on QEMU's virt board for every character (bench/uefi-boot).
 * verbose=1 in lvisor.cfg adds where the tree came from, what was loaded
 * where and what the firmware keeps; lvisor logs the last two itself after
 * the handoff.
 *
 * Built per board (make lvisor-efi PLATFORM=...): the addresses come from
 * the board's board.h, the same constants lvisor's root zone config uses;
 * platform.mk's EFI_FDT says whether lvisor needs the firmware's device tree
 * (qemu-virt reads RAM and CPUs from it) or has the board's map (ls3a5000).
 */
#include <stdarg.h>
#include "board.h"
#include "boot/efi/efi.h"
#include "boot/efi/handoff.h"

#define PAGE_SIZE 4096UL
#define CFG_PATH  "\\lvisor\\lvisor.cfg"
#define PATH_MAX  128

/* lvisor.elf's addresses are in the cached DMW window; physical = the low 48 bits. */
#define PHYS_MASK ((1UL << 48) - 1)

#define CSR_CRMD      0x0
#define CSR_DMW0      0x180
#define CSR_DMW1      0x181
#define CRMD_IE       (1UL << 2)
#define DMW0_UNCACHED 0x8000000000000001UL /* VSEG 8, MAT SUC, PLV0 */
#define DMW1_CACHED   0x9000000000000011UL /* VSEG 9, MAT CC, PLV0 */

efi_status efi_main(efi_handle image, struct efi_system_table *st);

static struct efi_system_table *systab;
static struct efi_boot_services *bs;
static int verbose; /* lvisor.cfg's verbose=1 */

/* Compilers may emit calls to these for struct copies and zeroing. */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}
void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;
    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}

static size_t str_len(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int str_eq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static int guid_eq(const efi_guid *a, const efi_guid *b)
{
    const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)b;
    for (size_t i = 0; i < sizeof(*a); i++)
        if (x[i] != y[i])
            return 0;
    return 1;
}

/* ---- console: ASCII through ConOut, "\n" as CR LF ---- */

struct outbuf {
    char16 buf[128];
    size_t n;
};

static void out_flush(struct outbuf *o)
{
    o->buf[o->n] = 0;
    if (o->n && systab->con_out)
        systab->con_out->output_string(systab->con_out, o->buf);
    o->n = 0;
}

static void out_char(struct outbuf *o, char c)
{
    if (o->n + 3 >= ARRAY_SIZE(o->buf))
        out_flush(o);
    if (c == '\n')
        o->buf[o->n++] = '\r';
    o->buf[o->n++] = (char16)(uint8_t)c;
}

static void out_num(struct outbuf *o, uint64_t v, unsigned base)
{
    char digits[20];
    int n = 0;
    do {
        unsigned d = (unsigned)(v % base);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    while (n)
        out_char(o, digits[--n]);
}

/* %s, %x (u64, 0x...), %u (u64) */
static void print(const char *fmt, ...)
{
    struct outbuf o = {.n = 0};
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            out_char(&o, *p);
            continue;
        }
        p++;
        if (*p == 's') {
            for (const char *s = va_arg(ap, const char *); *s; s++)
                out_char(&o, *s);
        } else if (*p == 'x') {
            out_char(&o, '0');
            out_char(&o, 'x');
            out_num(&o, va_arg(ap, uint64_t), 16);
        } else if (*p == 'u') {
            out_num(&o, va_arg(ap, uint64_t), 10);
        } else {
            out_char(&o, *p);
        }
    }
    va_end(ap);
    out_flush(&o);
}

static const char *status_str(efi_status s)
{
    if (s == EFI_NOT_FOUND)
        return "Not Found";
    if (s == EFI_OUT_OF_RESOURCES)
        return "Out of Resources";
    if (s == EFI_INVALID_PARAM)
        return "Invalid Parameter";
    if (s == EFI_BUFFER_TOO_SMALL)
        return "Buffer Too Small";
    if (s == EFI_UNSUPPORTED)
        return "Unsupported";
    return "error";
}

#define fail(st, fmt, ...) (print("lvisor.efi: error: " fmt "\n", ##__VA_ARGS__), (st))

/* ---- what was allocated, freed again on an error ---- */

static struct {
    uint64_t addr, pages;
} allocs[8];
static unsigned nr_allocs;

static void print_memory_map(uint64_t from, uint64_t to);

static efi_status alloc_at(uint64_t addr, uint64_t size, uint32_t type, const char *what)
{
    uint64_t pages = (size + PAGE_SIZE - 1) / PAGE_SIZE, a = addr;
    efi_status s = bs->allocate_pages(EFI_ALLOCATE_ADDRESS, type, pages, &a);
    if (s != EFI_SUCCESS) {
        print_memory_map(addr, addr + pages * PAGE_SIZE);
        return fail(s, "cannot allocate %u KiB at %x for %s: %s (the firmware uses it)", pages * 4,
                    addr, what, status_str(s));
    }
    if (nr_allocs < ARRAY_SIZE(allocs)) {
        allocs[nr_allocs].addr = a;
        allocs[nr_allocs++].pages = pages;
    }
    return EFI_SUCCESS;
}

static void free_all(void)
{
    while (nr_allocs) {
        nr_allocs--;
        bs->free_pages(allocs[nr_allocs].addr, allocs[nr_allocs].pages);
    }
}

/* ---- files on the partition lvisor.efi came from ---- */

static struct efi_file *root_dir;

static efi_status file_open(const char *path, struct efi_file **f, uint64_t *size)
{
    char16 name[PATH_MAX];
    size_t n = str_len(path);
    if (n >= PATH_MAX)
        return fail(EFI_INVALID_PARAM, "path too long: %s", path);
    for (size_t i = 0; i <= n; i++)
        name[i] = (char16)(path[i] == '/' ? '\\' : path[i]);
    efi_status s = root_dir->open(root_dir, f, name, EFI_FILE_MODE_READ, 0);
    if (s != EFI_SUCCESS)
        return fail(s, "cannot open %s: %s", path, status_str(s));
    /* the size: the position at the end of the file */
    if ((s = (*f)->set_position(*f, ~0UL)) != EFI_SUCCESS ||
        (s = (*f)->get_position(*f, size)) != EFI_SUCCESS ||
        (s = (*f)->set_position(*f, 0)) != EFI_SUCCESS) {
        (*f)->close(*f);
        return fail(s, "cannot size %s: %s", path, status_str(s));
    }
    return EFI_SUCCESS;
}

static efi_status file_read(struct efi_file *f, const char *path, void *buf, uint64_t size)
{
    uint8_t *p = buf;
    while (size) {
        uint64_t n = size;
        efi_status s = f->read(f, &n, p);
        if (s != EFI_SUCCESS || n == 0)
            return fail(s ? s : EFI_LOAD_ERROR, "cannot read %s: %s", path, status_str(s));
        p += n;
        size -= n;
    }
    return EFI_SUCCESS;
}

/* Reads a whole file into [addr, addr + max) allocated here; *size gets its size. */
static efi_status load_file_at(const char *path, uint64_t addr, uint64_t max, uint64_t *size,
                               const char *what)
{
    struct efi_file *f;
    efi_status s = file_open(path, &f, size);
    if (s != EFI_SUCCESS)
        return s;
    if (*size > max)
        s = fail(EFI_OUT_OF_RESOURCES, "%s %s is %u bytes, more than the %u the board stages", what,
                 path, *size, max);
    else if ((s = alloc_at(addr, *size ? *size : 1, EFI_LOADER_DATA, what)) == EFI_SUCCESS)
        s = file_read(f, path, (void *)addr, *size);
    f->close(f);
    if (s == EFI_SUCCESS && verbose)
        print("lvisor.efi: %s %s: %u bytes at %x\n", what, path, *size, addr);
    return s;
}

/* A whole file in pool memory. */
static efi_status load_file_pool(const char *path, void **buf, uint64_t *size)
{
    struct efi_file *f;
    efi_status s = file_open(path, &f, size);
    if (s != EFI_SUCCESS)
        return s;
    if ((s = bs->allocate_pool(EFI_LOADER_DATA, *size + 1, buf)) != EFI_SUCCESS)
        s = fail(s, "no memory for %s (%u bytes)", path, *size);
    else if ((s = file_read(f, path, *buf, *size)) == EFI_SUCCESS)
        ((char *)*buf)[*size] = 0;
    f->close(f);
    return s;
}

/* ---- \lvisor\lvisor.cfg: key=value lines, # comments ---- */

struct config {
    char hypervisor[PATH_MAX], kernel[PATH_MAX], initrd[PATH_MAX], platform[32];
    char cmdline[256], root_cmdline[512];
    int verbose;
};

static int set_value(char *dst, size_t max, const char *v, size_t n)
{
    if (n >= max)
        return 0;
    memcpy(dst, v, n);
    dst[n] = 0;
    return 1;
}

static efi_status parse_config(char *text, struct config *c)
{
    unsigned line = 0;
    for (char *p = text; *p;) {
        char *end = p;
        while (*end && *end != '\n')
            end++;
        char *next = *end ? end + 1 : end;
        line++;
        while (end > p && (end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
            end--;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (p < end && *p != '#') {
            char *eq = p;
            while (eq < end && *eq != '=')
                eq++;
            if (eq == end)
                return fail(EFI_INVALID_PARAM, "%s line %u: not key=value", CFG_PATH,
                            (uint64_t)line);
            *eq = 0;
            const char *v = eq + 1;
            size_t n = (size_t)(end - v);
            int ok;
            if (str_eq(p, "hypervisor"))
                ok = set_value(c->hypervisor, sizeof(c->hypervisor), v, n);
            else if (str_eq(p, "kernel"))
                ok = set_value(c->kernel, sizeof(c->kernel), v, n);
            else if (str_eq(p, "initrd"))
                ok = set_value(c->initrd, sizeof(c->initrd), v, n);
            else if (str_eq(p, "platform"))
                ok = set_value(c->platform, sizeof(c->platform), v, n);
            else if (str_eq(p, "cmdline"))
                ok = set_value(c->cmdline, sizeof(c->cmdline), v, n);
            else if (str_eq(p, "root_cmdline"))
                ok = set_value(c->root_cmdline, sizeof(c->root_cmdline), v, n);
            else if (str_eq(p, "verbose")) {
                if (n != 1 || (*v != '0' && *v != '1'))
                    return fail(EFI_INVALID_PARAM, "%s line %u: verbose is 0 or 1", CFG_PATH,
                                (uint64_t)line);
                c->verbose = *v == '1';
                ok = 1;
            } else
                return fail(EFI_INVALID_PARAM, "%s line %u: unknown key %s", CFG_PATH,
                            (uint64_t)line, p);
            if (!ok)
                return fail(EFI_INVALID_PARAM, "%s line %u: value too long", CFG_PATH,
                            (uint64_t)line);
        }
        p = next;
    }
    if (!c->kernel[0])
        return fail(EFI_INVALID_PARAM, "%s names no kernel (kernel=\\lvisor\\vmlinux)", CFG_PATH);
    if (c->platform[0] && !str_eq(c->platform, LVISOR_PLATFORM))
        return fail(EFI_UNSUPPORTED, "%s is for platform %s; this lvisor.efi is for %s", CFG_PATH,
                    c->platform, LVISOR_PLATFORM);
    return EFI_SUCCESS;
}

/* ---- lvisor.elf into lvisor's memory ---- */

struct elf64_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

#define EM_LOONGARCH 258
#define PT_LOAD      1

static efi_status load_lvisor(const char *path, uint64_t *entry)
{
    void *buf;
    uint64_t size;
    efi_status s = load_file_pool(path, &buf, &size);
    if (s != EFI_SUCCESS)
        return s;
    const struct elf64_ehdr *eh = buf;
    const uint8_t *id = eh->ident;
    if (size < sizeof(*eh) || id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F' ||
        id[4] != 2 || eh->machine != EM_LOONGARCH || eh->phentsize != sizeof(struct elf64_phdr) ||
        eh->phoff + (uint64_t)eh->phnum * sizeof(struct elf64_phdr) > size) {
        s = fail(EFI_LOAD_ERROR, "%s is not a LoongArch64 ELF image", path);
        goto out;
    }
    const uint64_t base = BOARD_HV_BASE, end = BOARD_HV_BASE + BOARD_HV_SIZE;
    const struct elf64_phdr *ph = (const void *)((const uint8_t *)buf + eh->phoff);
    uint64_t low = ~0UL, high = 0;
    for (unsigned i = 0; i < eh->phnum; i++) {
        uint64_t pa = ph[i].paddr & PHYS_MASK;
        if (ph[i].type != PT_LOAD)
            continue;
        if (pa < base || ph[i].memsz > end - pa || ph[i].filesz > ph[i].memsz ||
            ph[i].offset + ph[i].filesz > size) {
            s = fail(EFI_LOAD_ERROR, "%s: a segment at %x is outside lvisor's memory %x-%x", path,
                     pa, base, end);
            goto out;
        }
        memcpy((void *)pa, (const uint8_t *)buf + ph[i].offset, ph[i].filesz);
        memset((void *)(pa + ph[i].filesz), 0, ph[i].memsz - ph[i].filesz);
        low = pa < low ? pa : low;
        high = pa + ph[i].memsz > high ? pa + ph[i].memsz : high;
    }
    uint64_t e = eh->entry & PHYS_MASK;
    if (low > e || e >= high) {
        s = fail(EFI_LOAD_ERROR, "%s: entry %x is outside its image", path, eh->entry);
        goto out;
    }
    *entry = eh->entry;
    if (verbose)
        print("lvisor.efi: lvisor %s: %x-%x, entry %x; lvisor's memory %x-%x (reserved)\n", path,
              low, high, eh->entry, base, end);
out:
    bs->free_pool(buf);
    return s;
}

/* ---- configuration tables ---- */

static void *config_table(const efi_guid *g)
{
    for (uint64_t i = 0; i < systab->nr_tables; i++)
        if (guid_eq(&systab->tables[i].guid, g))
            return systab->tables[i].table;
    return NULL;
}

/*
 * EDK2's own hand-over of the device tree (gFdtHobGuid in its HOB list), for
 * firmware that installs no DEVICE_TREE table: EDK2 for QEMU's LoongArch
 * virt keeps QEMU's tree there, with or without ACPI.
 */
struct efi_hob_header {
    uint16_t type, length;
    uint32_t reserved;
};
#define EFI_HOB_TYPE_GUID_EXTENSION 0x0004
#define EFI_HOB_TYPE_END            0xffff
#define EFI_HOB_LIST_GUID                                                                          \
    {0x7739f24c, 0x93d7, 0x11d4, {0x9a, 0x3a, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d}}
#define EDK2_FDT_HOB_GUID                                                                          \
    {0x16958446, 0x19b7, 0x480b, {0xb0, 0x47, 0x74, 0x85, 0xad, 0x3f, 0x71, 0x6d}}

static const void *edk2_fdt_hob(void)
{
    const efi_guid hob_list_guid = EFI_HOB_LIST_GUID, fdt_guid = EDK2_FDT_HOB_GUID;
    const uint8_t *p = config_table(&hob_list_guid);
    for (unsigned n = 0; p && n < 4096; n++) {
        const struct efi_hob_header *h = (const void *)p;
        if (h->type == EFI_HOB_TYPE_END || h->length < sizeof(*h))
            break;
        if (h->type == EFI_HOB_TYPE_GUID_EXTENSION && h->length >= sizeof(*h) + 16 + 8 &&
            guid_eq((const efi_guid *)(p + sizeof(*h)), &fdt_guid))
            return (const void *)*(const uint64_t *)(p + sizeof(*h) + 16);
        p += h->length;
    }
    return NULL;
}

static void print_guid(const efi_guid *g)
{
    print("%x-%x-%x-", (uint64_t)g->a, (uint64_t)g->b, (uint64_t)g->c);
    for (int i = 0; i < 8; i++)
        print("%s%u", i ? "." : "", (uint64_t)g->d[i]);
    print("\n");
}

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* ---- the handover ---- */

static void __attribute__((noreturn)) enter_lvisor(uint64_t entry, uint64_t a0, uint64_t a1)
{
    register uint64_t r_a0 __asm__("$a0") = a0;
    register uint64_t r_a1 __asm__("$a1") = a1;
    register uint64_t r_a2 __asm__("$a2") = 0;
    /* interrupts off, lvisor's DMW windows (its entry is a cached-window address), caches in
     * order for the code just written, then jump */
    __asm__ volatile("csrxchg $zero, %[ie], %[crmd]\n\t"
                     "csrwr %[dmw0], %[csr_dmw0]\n\t"
                     "csrwr %[dmw1], %[csr_dmw1]\n\t"
                     "dbar 0\n\t"
                     "ibar 0\n\t"
                     "jirl $zero, %[entry], 0\n\t"
                     :
                     : [ie] "r"(CRMD_IE), [crmd] "i"(CSR_CRMD), [dmw0] "r"(DMW0_UNCACHED),
                       [csr_dmw0] "i"(CSR_DMW0), [dmw1] "r"(DMW1_CACHED), [csr_dmw1] "i"(CSR_DMW1),
                       [entry] "r"(entry), "r"(r_a0), "r"(r_a1), "r"(r_a2)
                     : "memory");
    __builtin_unreachable();
}

/* The firmware's memory map between from and to, on the console. */
static void print_memory_map(uint64_t from, uint64_t to)
{
    uint8_t *map;
    uint64_t size = 0, key, dsize;
    uint32_t dver;
    bs->get_memory_map(&size, NULL, &key, &dsize, &dver);
    size += 4096;
    if (bs->allocate_pool(EFI_LOADER_DATA, size, (void **)&map) != EFI_SUCCESS)
        return;
    if (bs->get_memory_map(&size, (void *)map, &key, &dsize, &dver) != EFI_SUCCESS)
        size = 0;
    print("lvisor.efi: the firmware's memory map from %x to %x:\n", from, to);
    for (uint64_t off = 0; off + dsize <= size; off += dsize) {
        const struct efi_memory_descriptor *d = (const void *)(map + off);
        uint64_t end = d->phys + d->pages * PAGE_SIZE;
        if (end > from && d->phys < to)
            print("  %x-%x type %u\n", d->phys, end, (uint64_t)d->type);
    }
    bs->free_pool(map);
}

/* The final memory map and ExitBootServices; the map may change once under us. */
static efi_status exit_boot_services(efi_handle image, struct lvisor_efi_handoff *h)
{
    uint64_t size = 0, key, dsize;
    uint32_t dver;
    efi_status s = bs->get_memory_map(&size, NULL, &key, &dsize, &dver);
    if (s != EFI_BUFFER_TOO_SMALL)
        return fail(s ? s : EFI_LOAD_ERROR, "no memory map: %s", status_str(s));
    uint64_t max = size + 16 * dsize;
    void *map;
    if ((s = bs->allocate_pool(EFI_LOADER_DATA, max, &map)) != EFI_SUCCESS)
        return fail(s, "no memory for the memory map");
    /* what the firmware keeps, which lvisor logs from the final map too */
    size = max;
    if (verbose && (s = bs->get_memory_map(&size, map, &key, &dsize, &dver)) != EFI_SUCCESS)
        return fail(s, "no memory map: %s", status_str(s));
    for (uint64_t off = 0; verbose && off + dsize <= size; off += dsize) {
        const struct efi_memory_descriptor *d = (const void *)((uint8_t *)map + off);
        if (efi_memory_kept(d->type) && d->phys != BOARD_HV_BASE)
            print("lvisor.efi: firmware keeps %x-%x (%s)\n", d->phys,
                  d->phys + d->pages * PAGE_SIZE, efi_memory_type_name(d->type));
    }
    print("lvisor.efi: exiting boot services, starting lvisor\n");
    for (int tries = 0; tries < 3; tries++) {
        size = max;
        s = bs->get_memory_map(&size, map, &key, &dsize, &dver);
        if (s != EFI_SUCCESS)
            break;
        s = bs->exit_boot_services(image, key);
        if (s == EFI_SUCCESS) {
            h->memmap = (uint64_t)map;
            h->memmap_size = size;
            h->memmap_desc_size = dsize;
            return EFI_SUCCESS;
        }
    }
    return fail(s, "ExitBootServices failed: %s", status_str(s));
}

efi_status efi_main(efi_handle image, struct efi_system_table *st)
{
    systab = st;
    bs = st->boot_services;
    print("lvisor.efi: lvisor's UEFI loader for %s\n", LVISOR_PLATFORM);

    const efi_guid loaded_image_guid = EFI_LOADED_IMAGE_GUID;
    const efi_guid sfs_guid = EFI_SIMPLE_FILE_SYSTEM_GUID;
    const efi_guid dt_guid = EFI_DEVICE_TREE_GUID, acpi_guid = EFI_ACPI_20_TABLE_GUID;
    struct efi_loaded_image *li;
    struct efi_simple_file_system *fs;
    efi_status s = bs->handle_protocol(image, &loaded_image_guid, (void **)&li);
    if (s != EFI_SUCCESS)
        return fail(s, "no loaded-image protocol: %s", status_str(s));
    if ((s = bs->handle_protocol(li->device, &sfs_guid, (void **)&fs)) != EFI_SUCCESS)
        return fail(s, "the partition lvisor.efi came from has no file system: %s", status_str(s));
    if ((s = fs->open_volume(fs, &root_dir)) != EFI_SUCCESS)
        return fail(s, "cannot open the partition: %s", status_str(s));

    static struct config cfg;
    memset(&cfg, 0, sizeof(cfg));
    set_value(cfg.hypervisor, sizeof(cfg.hypervisor), "\\lvisor\\lvisor.elf", 18);
    char *text;
    uint64_t size;
    if ((s = load_file_pool(CFG_PATH, (void **)&text, &size)) != EFI_SUCCESS)
        return s;
    s = parse_config(text, &cfg);
    bs->free_pool(text);
    if (s != EFI_SUCCESS)
        return s;
    verbose = cfg.verbose;

    /* the firmware's description of the board */
    const void *fdt = config_table(&dt_guid);
    const char *fdt_from = "configuration table";
    void *rsdp = config_table(&acpi_guid);
    if (!fdt) {
        fdt = edk2_fdt_hob();
        fdt_from = "EDK2's FDT HOB";
    }
    if (fdt && be32(fdt) != 0xd00dfeed)
        fdt = NULL;
    /* the tables, to find the tree by, when it is missing */
    if (!fdt && (EFI_FDT_REQUIRED || verbose)) {
        print("lvisor.efi: the firmware's configuration tables:\n");
        for (uint64_t i = 0; i < systab->nr_tables; i++) {
            print("  ");
            print_guid(&systab->tables[i].guid);
        }
    }
    if (!fdt && EFI_FDT_REQUIRED)
        return fail(EFI_NOT_FOUND, "the firmware gave no device tree%s: lvisor needs one",
                    rsdp ? " (ACPI tables only)" : "");
    if (!fdt)
        print("lvisor.efi: no device tree%s: lvisor uses the board's own map\n",
              rsdp ? " (ACPI tables only)" : "");
    else if (verbose)
        print("lvisor.efi: device tree at %x (%u bytes, %s)%s\n", (uint64_t)fdt,
              (uint64_t)be32((const uint8_t *)fdt + 4), fdt_from, rsdp ? ", ACPI tables too" : "");
    else
        print("lvisor.efi: device tree at %x\n", (uint64_t)fdt);

    struct lvisor_efi_handoff *h;
    if ((s = bs->allocate_pool(EFI_LOADER_DATA, sizeof(*h), (void **)&h)) != EFI_SUCCESS)
        return fail(s, "no memory for the handoff block");
    memset(h, 0, sizeof(*h));
    h->magic = LVISOR_EFI_MAGIC;
    h->version = LVISOR_EFI_VERSION;
    h->size = sizeof(*h);
    h->hv_base = BOARD_HV_BASE;
    h->hv_size = BOARD_HV_SIZE;
    h->fdt = (uint64_t)fdt;
    h->fdt_size = fdt ? be32((const uint8_t *)fdt + 4) : 0;
    h->acpi_rsdp = (uint64_t)rsdp;
    memcpy(h->cmdline, cfg.cmdline, sizeof(h->cmdline));
    memcpy(h->root_cmdline, cfg.root_cmdline, sizeof(h->root_cmdline));

    uint64_t entry = 0;
    s = alloc_at(BOARD_HV_BASE, BOARD_HV_SIZE, EFI_RESERVED, "lvisor");
    if (s == EFI_SUCCESS)
        s = load_lvisor(cfg.hypervisor, &entry);
    if (s == EFI_SUCCESS) {
        h->kernel = BOARD_KERNEL_STAGING;
        s = load_file_at(cfg.kernel, BOARD_KERNEL_STAGING, BOARD_KERNEL_STAGING_MAX,
                         &h->kernel_size, "kernel");
    }
    if (s == EFI_SUCCESS && cfg.initrd[0]) {
        h->initrd = BOARD_INITRD_STAGING;
        s = load_file_at(cfg.initrd, BOARD_INITRD_STAGING, BOARD_INITRD_STAGING_MAX,
                         &h->initrd_size, "initrd");
    }
    if (s == EFI_SUCCESS)
        s = exit_boot_services(image, h);
    if (s != EFI_SUCCESS) {
        free_all();
        bs->free_pool(h);
        print("lvisor.efi: not started; back to the firmware\n");
        return s;
    }
    enter_lvisor(entry, LVISOR_EFI_MAGIC, (uint64_t)h);
}
