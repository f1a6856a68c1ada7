/*
 * The virtio JSON into struct vcfg. Numbers are hvisor-tool's (a JSON
 * number or a string for strtoull, base 0; tools/cli/json_value.c reads
 * them). Besides hvisor-tool's own checks (an id below 32, a non-zero addr,
 * len and irq, an image for blk, at most 8 devices), this refuses what would
 * only go wrong later: a zone given twice, overlapping memory or devices, an
 * interrupt outside HWI0-7 or two devices of a zone on one line, a window
 * too small for the registers, a bad tap name or MAC, and device kinds this
 * daemon does not serve (gpu, scmi).
 */
#include "config.h"
#include "../cli/json_value.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE     (1u << 20)
#define HWI_FIRST    2
#define HWI_LAST     9
#define MMIO_MIN_LEN 0x200
#define MMIO_MAX_LEN 0x1000
#define PAGE_4K      0x1000ULL
#define ULL(x)       ((unsigned long long)(x))

static char *read_file(const char *file, char *err, size_t errlen)
{
    FILE *f = fopen(file, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", file, strerror(errno));
        return NULL;
    }
    char *text = malloc(MAX_FILE + 1);
    size_t n = text ? fread(text, 1, MAX_FILE + 1, f) : 0;
    bool bad = !text || ferror(f) || n > MAX_FILE;
    fclose(f);
    if (bad) {
        snprintf(err, errlen, "%s: cannot read: %s", file,
                 !text          ? "out of memory"
                 : n > MAX_FILE ? "over 1 MiB, not a virtio config"
                                : "read error");
        free(text);
        return NULL;
    }
    if (memchr(text, '\0', n)) {
        snprintf(err, errlen, "%s: not JSON (a NUL byte)", file);
        free(text);
        return NULL;
    }
    text[n] = '\0';
    return text;
}

/* obj.key must hold a number that is not 0. */
static bool nonzero(struct jparse *jp, const cJSON *obj, const char *key, unsigned bits,
                    uint64_t *out)
{
    if (!jp_member_number(jp, obj, key, bits, out))
        return false;
    if (*out)
        return true;
    size_t back = jp_enter_key(jp, key);
    jp_fail(jp, "must not be 0");
    jp_leave(jp, back);
    return false;
}

/* "path.key: message"; returns false. */
static bool key_fail(struct jparse *jp, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool key_fail(struct jparse *jp, const char *key, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    size_t back = jp_enter_key(jp, key);
    jp_fail(jp, "%s", msg);
    jp_leave(jp, back);
    return false;
}

static bool parse_region(struct jparse *jp, const cJSON *r, struct vcfg_zone *z)
{
    struct vcfg_region reg;
    if (!jp_is_object(jp, r) || !jp_member_number(jp, r, "zone0_ipa", 64, &reg.zone0_ipa) ||
        !jp_member_number(jp, r, "zonex_ipa", 64, &reg.zonex_ipa) ||
        !jp_member_number(jp, r, "size", 64, &reg.size))
        return false;
    if (reg.size == 0) /* hvisor-tool skips these */
        return true;
    if (reg.zone0_ipa % PAGE_4K || reg.size % PAGE_4K)
        return key_fail(jp, reg.zone0_ipa % PAGE_4K ? "zone0_ipa" : "size",
                        "0x%llx is not a multiple of 4 KiB",
                        (unsigned long long)(reg.zone0_ipa % PAGE_4K ? reg.zone0_ipa : reg.size));
    if (reg.zone0_ipa + reg.size < reg.zone0_ipa || reg.zonex_ipa + reg.size < reg.zonex_ipa)
        return key_fail(jp, "size", "0x%llx runs past the end of the address space", ULL(reg.size));
    for (unsigned i = 0; i < z->nregions; i++) {
        const struct vcfg_region *o = &z->regions[i];
        if (reg.zonex_ipa < o->zonex_ipa + o->size && o->zonex_ipa < reg.zonex_ipa + reg.size)
            return key_fail(jp, "zonex_ipa", "0x%llx overlaps the zone's region at 0x%llx",
                            ULL(reg.zonex_ipa), ULL(o->zonex_ipa));
    }
    z->regions[z->nregions++] = reg;
    return true;
}

static bool parse_type(struct jparse *jp, const cJSON *d, enum vcfg_type *t)
{
    const char *s = jp_string(jp, d, "type");
    if (!s)
        return false;
    size_t back = jp_enter_key(jp, "type");
    if (!strcmp(s, "console"))
        *t = VCFG_CONSOLE;
    else if (!strcmp(s, "blk"))
        *t = VCFG_BLK;
    else if (!strcmp(s, "net"))
        *t = VCFG_NET;
    else if (!strcmp(s, "gpu") || !strcmp(s, "scmi"))
        jp_fail(jp, "\"%s\" devices are not served by lvisor's daemon (console, blk and net are)",
                s);
    else
        jp_fail(jp,
                "unknown device type \"%s\" (expected \"console\", \"blk\", \"net\", \"gpu\" "
                "or \"scmi\")",
                s);
    jp_leave(jp, back);
    return !jp_failed(jp);
}

/* net: "tap" (an interface name) and "mac" (six numbers, not a multicast address). */
static bool parse_net(struct jparse *jp, const cJSON *d, struct vcfg_dev *dev)
{
    const char *tap = jp_string(jp, d, "tap");
    if (!tap)
        return false;
    if (!tap[0] || strlen(tap) >= sizeof(dev->tap) || strchr(tap, '/') || strchr(tap, ' ')) {
        size_t back = jp_enter_key(jp, "tap");
        jp_fail(jp, "\"%s\" is not an interface name (1-15 bytes, no '/' or blank)", tap);
        jp_leave(jp, back);
        return false;
    }
    strcpy(dev->tap, tap);
    const cJSON *mac = jp_array(jp, d, "mac", true);
    if (!mac)
        return false;
    size_t back = jp_enter_key(jp, "mac");
    if (cJSON_GetArraySize(mac) != 6)
        jp_fail(jp, "%d numbers, a MAC address has 6", cJSON_GetArraySize(mac));
    for (int i = 0; !jp_failed(jp) && i < 6; i++) {
        size_t at = jp_enter_index(jp, i);
        uint64_t b;
        if (jp_number(jp, cJSON_GetArrayItem(mac, i), 8, &b))
            dev->mac[i] = (uint8_t)b;
        jp_leave(jp, at);
    }
    if (!jp_failed(jp) && (dev->mac[0] & 1))
        jp_fail(jp, "%02x:...: a multicast address", dev->mac[0]);
    jp_leave(jp, back);
    return !jp_failed(jp);
}

/* false on error; *skip when the device is disabled. */
static bool parse_device(struct jparse *jp, const cJSON *d, struct vcfg *cfg, unsigned zi,
                         bool *skip)
{
    *skip = false;
    if (!jp_is_object(jp, d))
        return false;
    const char *status = jp_string(jp, d, "status");
    if (!status)
        return false;
    if (strcmp(status, "enable") && strcmp(status, "disable")) {
        size_t back = jp_enter_key(jp, "status");
        jp_fail(jp, "\"%s\" is neither \"enable\" nor \"disable\"", status);
        jp_leave(jp, back);
        return false;
    }
    if (!strcmp(status, "disable")) {
        *skip = true;
        return true;
    }
    struct vcfg_dev dev;
    memset(&dev, 0, sizeof(dev));
    dev.zone = zi;
    uint64_t irq;
    if (!parse_type(jp, d, &dev.type) || !nonzero(jp, d, "addr", 64, &dev.addr) ||
        !nonzero(jp, d, "len", 64, &dev.len) || !nonzero(jp, d, "irq", 32, &irq))
        return false;
    dev.irq = (uint32_t)irq;
    if (dev.len < MMIO_MIN_LEN || dev.len > MMIO_MAX_LEN)
        return key_fail(jp, "len", "0x%llx: a virtio-mmio window is 0x%llx to 0x1000 bytes",
                        ULL(dev.len), ULL(MMIO_MIN_LEN));
    if (dev.addr + dev.len < dev.addr)
        return key_fail(jp, "len", "0x%llx runs past the end of the address space", ULL(dev.len));
    if (dev.irq < HWI_FIRST || dev.irq > HWI_LAST)
        return key_fail(jp, "irq", "%llu is not a zone interrupt line (%llu-9: HWI0-7)",
                        ULL(dev.irq), ULL(HWI_FIRST));
    for (unsigned i = 0; i < cfg->ndevs; i++) {
        const struct vcfg_dev *o = &cfg->devs[i];
        if (o->zone != zi)
            continue;
        if (dev.addr < o->addr + o->len && o->addr < dev.addr + dev.len)
            return key_fail(jp, "addr", "0x%llx overlaps the zone's device at 0x%llx",
                            ULL(dev.addr), ULL(o->addr));
        if (dev.irq == o->irq)
            return key_fail(jp, "irq", "%llu is the line of the zone's device at 0x%llx too",
                            ULL(dev.irq), ULL(o->addr));
    }
    if (dev.type == VCFG_BLK) {
        const char *img = jp_string(jp, d, "img");
        if (!img)
            return false;
        if (!img[0] || strlen(img) >= sizeof(dev.img)) {
            size_t back = jp_enter_key(jp, "img");
            if (img[0])
                jp_fail(jp, "path longer than %zu bytes", sizeof(dev.img) - 1);
            else
                jp_fail(jp, "empty path");
            jp_leave(jp, back);
            return false;
        }
        strcpy(dev.img, img);
    }
    if (dev.type == VCFG_NET && !parse_net(jp, d, &dev))
        return false;
    if (cfg->ndevs == BRIDGE_MAX_DEVS) {
        jp_fail(jp, "a ninth device: at most %d fit", BRIDGE_MAX_DEVS);
        return false;
    }
    cfg->devs[cfg->ndevs++] = dev;
    return true;
}

static bool parse_zone(struct jparse *jp, const cJSON *zj, struct vcfg *cfg)
{
    if (!jp_is_object(jp, zj))
        return false;
    uint64_t id;
    if (!jp_member_number(jp, zj, "id", 32, &id))
        return false;
    if (id >= VCFG_MAX_ZONES)
        return key_fail(jp, "id", "%llu is too large (0-%llu)", ULL(id), ULL(VCFG_MAX_ZONES - 1));
    for (unsigned i = 0; i < cfg->nzones; i++)
        if (cfg->zones[i].id == id)
            return key_fail(jp, "id", "zone %llu is given twice", ULL(id));
    unsigned zi = cfg->nzones++;
    struct vcfg_zone *z = &cfg->zones[zi];
    z->id = (uint32_t)id;
    z->nregions = 0;

    const cJSON *regions = jp_array(jp, zj, "memory_region", true);
    const cJSON *devices = jp_array(jp, zj, "devices", true);
    if (!regions || !devices)
        return false;
    size_t back = jp_enter_key(jp, "memory_region");
    if (cJSON_GetArraySize(regions) > ZONE_MAX_REGIONS)
        jp_fail(jp, "%d regions, at most %d fit", cJSON_GetArraySize(regions), ZONE_MAX_REGIONS);
    for (int i = 0; !jp_failed(jp) && i < cJSON_GetArraySize(regions); i++) {
        size_t at = jp_enter_index(jp, i);
        parse_region(jp, cJSON_GetArrayItem(regions, i), z);
        jp_leave(jp, at);
    }
    jp_leave(jp, back);
    back = jp_enter_key(jp, "devices");
    for (int i = 0; !jp_failed(jp) && i < cJSON_GetArraySize(devices); i++) {
        size_t at = jp_enter_index(jp, i);
        bool skip;
        parse_device(jp, cJSON_GetArrayItem(devices, i), cfg, zi, &skip);
        jp_leave(jp, at);
    }
    jp_leave(jp, back);
    return !jp_failed(jp);
}

static bool parse(struct jparse *jp, const cJSON *root, struct vcfg *cfg)
{
    const cJSON *zones = jp_array(jp, root, "zones", true);
    if (!zones)
        return false;
    size_t back = jp_enter_key(jp, "zones");
    int n = cJSON_GetArraySize(zones);
    if (n == 0)
        jp_fail(jp, "empty: no zone to serve");
    else if (n > VCFG_MAX_ZONES)
        jp_fail(jp, "%d zones, at most %d fit", n, VCFG_MAX_ZONES);
    for (int i = 0; !jp_failed(jp) && i < n; i++) {
        size_t at = jp_enter_index(jp, i);
        parse_zone(jp, cJSON_GetArrayItem(zones, i), cfg);
        jp_leave(jp, at);
    }
    jp_leave(jp, back);
    if (!jp_failed(jp) && cfg->ndevs == 0)
        jp_fail(jp, "no enabled device in any zone");
    return !jp_failed(jp);
}

bool vcfg_load(const char *file, struct vcfg *cfg, char *err, size_t errlen)
{
    memset(cfg, 0, sizeof(*cfg));
    char *text = read_file(file, err, errlen);
    if (!text)
        return false;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, false);
    bool ok = false;
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        snprintf(err, errlen, "%s: not JSON (error near line %u)", file,
                 at ? jp_line_of(text, at) : 1);
    } else if (*(end + strspn(end, " \t\r\n"))) {
        snprintf(err, errlen, "%s: not JSON (text after the end, line %u)", file,
                 jp_line_of(text, end));
    } else if (!cJSON_IsObject(root)) {
        snprintf(err, errlen, "%s: expected a JSON object at the top, found %s", file,
                 jp_kind(root));
    } else {
        struct jparse jp;
        memset(&jp, 0, sizeof(jp));
        ok = parse(&jp, root, cfg);
        if (!ok)
            snprintf(err, errlen, "%s: %s", file, jp.err);
    }
    cJSON_Delete(root);
    free(text);
    return ok;
}
