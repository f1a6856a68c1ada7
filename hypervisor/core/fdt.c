/* Minimal FDT walker for fdt_disable_absent_cpus (tokens per the devicetree spec). */
#include "core/fdt.h"
#include "lib/string.h"

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

static u32 be32(const void *p)
{
    const u8 *b = p;
    return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

int fdt_disable_absent_cpus(void *fdt, u64 size, u64 present)
{
    u8 *base = fdt;
    if (size < 40 || be32(base) != FDT_MAGIC || be32(base + 4) > size)
        return -1;
    u32 off_struct = be32(base + 8), off_strings = be32(base + 12);
    u32 size_struct = be32(base + 36), size_strings = be32(base + 32);
    if (off_struct > size || size_struct > size - off_struct || off_strings > size ||
        size_strings > size - off_strings)
        return -1;

    u8 *p = base + off_struct, *end = p + size_struct;
    int depth = 0, disabled = 0;
    bool in_cpus = false;
    long cpu = -1; /* cpu@N being walked, at depth 2 under /cpus */
    while (p + 4 <= end) {
        u32 tok = be32(p);
        p += 4;
        if (tok == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            size_t n = strnlen(name, (size_t)(end - p));
            if (p + n >= end)
                return -1;
            depth++;
            if (depth == 2)
                in_cpus = !strcmp(name, "cpus");
            if (depth == 3 && in_cpus && !strncmp(name, "cpu@", 4))
                cpu = (long)strtou64(name + 4, NULL);
            p += ALIGN_UP(n + 1, 4);
        } else if (tok == FDT_END_NODE) {
            if (depth == 3)
                cpu = -1;
            if (depth == 2)
                in_cpus = false;
            depth--;
        } else if (tok == FDT_PROP) {
            if (p + 8 > end)
                return -1;
            u32 len = be32(p), nameoff = be32(p + 4);
            p += 8;
            if (len > (u64)(end - p) || nameoff >= size_strings)
                return -1;
            const char *pname = (const char *)base + off_strings + nameoff;
            if (cpu >= 0 && cpu < 64 && !(present & (1UL << cpu)) && !strcmp(pname, "status") &&
                len == 5 && !memcmp(p, "okay", 5)) {
                memcpy(p, "fail", 5);
                disabled++;
            }
            p += ALIGN_UP(len, 4);
        } else if (tok == FDT_NOP) {
            continue;
        } else if (tok == FDT_END) {
            return disabled;
        } else {
            return -1;
        }
    }
    return -1;
}
