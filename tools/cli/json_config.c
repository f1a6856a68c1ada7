/*
 * Zone config JSON to struct lvisor_zone_config, key for key as hvisor-tool
 * reads it, so the same files work with both tools. Where hvisor-tool
 * guesses (a missing key read as 0, a string zone_id read as 0, a number
 * above 2^31 cut short) this file stops with a message instead. Keys
 * hvisor-tool skips on LoongArch (arch, kernel_args, num_pci_devs,
 * arch_config, boot_protocol) and unknown keys are ignored.
 */
#include "json_config.h"
#include "json_value.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A zone config is a few KiB; anything far larger is not one. */
#define MAX_CONFIG_BYTES (16u << 20)
#define MAX_INTERRUPT    (LVISOR_INTERRUPT_WORDS * 32)

static char *read_text(const char *file, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(file, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return NULL;
    }
    char *text = NULL;
    size_t n = 0, size = 0;
    const char *why = NULL;
    for (;;) {
        if (n == size) {
            if (size >= MAX_CONFIG_BYTES) {
                why = "16 MiB or more, too large for a zone config";
                break;
            }
            size = size ? 2 * size : 4096;
            char *more = realloc(text, size + 1);
            if (!more) {
                why = "out of memory";
                break;
            }
            text = more;
        }
        size_t got = fread(text + n, 1, size - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                why = strerror(errno);
            break;
        }
    }
    fclose(f);
    if (why) {
        snprintf(err, errlen, "cannot read: %s", why);
        free(text);
        return NULL;
    }
    text[n] = '\0';
    *len = n;
    return text;
}

static cJSON *parse_text(const char *text, size_t len, char *err, size_t errlen)
{
    if (len == 0) {
        snprintf(err, errlen, "empty file");
        return NULL;
    }
    /* cJSON stops at a NUL byte and would take what comes before it for the whole file */
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        snprintf(err, errlen, "not JSON (a NUL byte on line %u)", jp_line_of(text, nul));
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, 0);
    const char *at = root ? end + strspn(end, " \t\r\n") : cJSON_GetErrorPtr();
    if (root && *at) {
        /* text after the value: the error is where it starts */
        cJSON_Delete(root);
        root = NULL;
    } else if (!root) {
        /* back over the blanks cJSON skipped: a missing comma is then on its own line */
        while (at && at > text && at <= text + len && strchr(" \t\r\n", at[-1]))
            at--;
    }
    if (!root) {
        if (at && at >= text && at <= text + len)
            snprintf(err, errlen, "not JSON (error near line %u)", jp_line_of(text, at));
        else
            snprintf(err, errlen, "not JSON");
        return NULL;
    }
    if (!cJSON_IsObject(root)) {
        snprintf(err, errlen, "expected a JSON object at the top, found %s", jp_kind(root));
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* An optional array: absent or JSON null is none. */
static const cJSON *optional_array(struct jparse *jp, const cJSON *obj, const char *key)
{
    const cJSON *v = jp_get(jp, obj, key, false);
    if (!v || cJSON_IsNull(v))
        return NULL;
    return jp_array(jp, obj, key, false);
}

/* arr may have at most max entries; noun names one entry in the message. */
static bool at_most(struct jparse *jp, const cJSON *arr, const char *key, int max, const char *noun)
{
    int n = cJSON_GetArraySize(arr);
    if (n <= max)
        return true;
    size_t back = jp_enter_key(jp, key);
    jp_fail(jp, "%d %s, at most %d fit", n, noun, max);
    jp_leave(jp, back);
    return false;
}

static bool parse_zone_id(struct jparse *jp, const cJSON *root, struct lvisor_zone_config *zc)
{
    if (!jp_u32(jp, root, "zone_id", &zc->zone_id))
        return false;
    if (zc->zone_id)
        return true;
    size_t back = jp_enter_key(jp, "zone_id");
    jp_fail(jp, "0 is the root zone: a zone to start needs 1 or more");
    jp_leave(jp, back);
    return false;
}

static bool parse_cpus(struct jparse *jp, const cJSON *root, struct lvisor_zone_config *zc)
{
    const cJSON *arr = jp_array(jp, root, "cpus", true);
    if (!arr)
        return false;
    size_t back = jp_enter_key(jp, "cpus");
    if (cJSON_GetArraySize(arr) == 0)
        jp_fail(jp, "empty: a zone needs a CPU");
    for (int i = 0; !jp_failed(jp) && i < cJSON_GetArraySize(arr); i++) {
        size_t at = jp_enter_index(jp, i);
        uint64_t cpu;
        if (jp_number(jp, cJSON_GetArrayItem(arr, i), 64, &cpu)) {
            if (cpu > 63)
                jp_fail(jp, "CPU %llu is out of range (0-63)", (unsigned long long)cpu);
            else
                zc->cpus |= 1ULL << cpu;
        }
        jp_leave(jp, at);
    }
    jp_leave(jp, back);
    return !jp_failed(jp);
}

/* Up to 31 printable bytes: the struct's 32 keep a NUL (lvisor refuses a name without one). */
static bool parse_name(struct jparse *jp, const cJSON *root, struct lvisor_zone_config *zc)
{
    const char *name = jp_string(jp, root, "name");
    if (!name)
        return false;
    size_t len = strlen(name), back = jp_enter_key(jp, "name");
    if (len == 0)
        jp_fail(jp, "empty");
    else if (len >= LVISOR_ZONE_NAME_LEN)
        jp_fail(jp, "\"%s\" is %zu bytes long, at most %d fit", name, len,
                LVISOR_ZONE_NAME_LEN - 1);
    for (size_t i = 0; !jp_failed(jp) && i < len; i++)
        if ((unsigned char)name[i] < 0x20 || (unsigned char)name[i] > 0x7e)
            jp_fail(jp, "byte %zu is 0x%02x, not printable ASCII", i, (unsigned char)name[i]);
    jp_leave(jp, back);
    if (jp_failed(jp))
        return false;
    memcpy(zc->name, name, len);
    return true;
}

static bool parse_region(struct jparse *jp, const cJSON *v, struct lvisor_mem_region *r)
{
    if (!jp_is_object(jp, v))
        return false;
    const char *type = jp_string(jp, v, "type");
    if (!type)
        return false;
    if (!strcmp(type, "ram")) {
        r->type = LVISOR_MEM_RAM;
    } else if (!strcmp(type, "io")) {
        r->type = LVISOR_MEM_IO;
    } else if (!strcmp(type, "virtio")) {
        r->type = LVISOR_MEM_VIRTIO;
    } else {
        size_t back = jp_enter_key(jp, "type");
        jp_fail(jp, "unknown region type \"%s\" (expected \"ram\", \"io\" or \"virtio\")", type);
        jp_leave(jp, back);
        return false;
    }
    return jp_u64(jp, v, "physical_start", &r->physical_start) &&
           jp_u64(jp, v, "virtual_start", &r->virtual_start) && jp_u64(jp, v, "size", &r->size);
}

static bool parse_regions(struct jparse *jp, const cJSON *root, struct lvisor_zone_config *zc)
{
    const cJSON *arr = jp_array(jp, root, "memory_regions", true);
    if (!arr || !at_most(jp, arr, "memory_regions", LVISOR_MAX_MEM_REGIONS, "regions"))
        return false;
    size_t back = jp_enter_key(jp, "memory_regions");
    int n = cJSON_GetArraySize(arr);
    if (n == 0)
        jp_fail(jp, "empty: a zone needs RAM");
    for (int i = 0; !jp_failed(jp) && i < n; i++) {
        size_t at = jp_enter_index(jp, i);
        parse_region(jp, cJSON_GetArrayItem(arr, i), &zc->memory_regions[i]);
        jp_leave(jp, at);
    }
    jp_leave(jp, back);
    zc->num_memory_regions = (uint32_t)n;
    return !jp_failed(jp);
}

/* The interrupts bitmap: lvisor ignores it on LoongArch, but a bad entry is still an error. */
static bool parse_interrupts(struct jparse *jp, const cJSON *root, struct lvisor_zone_config *zc)
{
    const cJSON *arr = jp_array(jp, root, "interrupts", true);
    if (!arr)
        return false;
    size_t back = jp_enter_key(jp, "interrupts");
    for (int i = 0; !jp_failed(jp) && i < cJSON_GetArraySize(arr); i++) {
        size_t at = jp_enter_index(jp, i);
        uint64_t irq;
        if (jp_number(jp, cJSON_GetArrayItem(arr, i), 64, &irq)) {
            if (irq >= MAX_INTERRUPT)
                jp_fail(jp, "%llu is out of range (0-%d)", (unsigned long long)irq,
                        MAX_INTERRUPT - 1);
            else
                zc->interrupts_bitmap[irq / 32] |= 1u << (irq % 32);
        }
        jp_leave(jp, at);
    }
    jp_leave(jp, back);
    return !jp_failed(jp);
}

static bool parse_ivc(struct jparse *jp, const cJSON *v, struct lvisor_ivc_config *c)
{
    return jp_is_object(jp, v) && jp_u32(jp, v, "ivc_id", &c->ivc_id) &&
           jp_u32(jp, v, "peer_id", &c->peer_id) &&
           jp_u64(jp, v, "control_table_ipa", &c->control_table_ipa) &&
           jp_u64(jp, v, "shared_mem_ipa", &c->shared_mem_ipa) &&
           jp_u32(jp, v, "rw_sec_size", &c->rw_sec_size) &&
           jp_u32(jp, v, "out_sec_size", &c->out_sec_size) &&
           jp_u32(jp, v, "interrupt_num", &c->interrupt_num) &&
           jp_u32(jp, v, "max_peers", &c->max_peers);
}

static bool parse_pci_bus(struct jparse *jp, const cJSON *v, struct lvisor_pci_config *p)
{
    return jp_is_object(jp, v) && jp_u64(jp, v, "ecam_base", &p->ecam_base) &&
           jp_u64(jp, v, "ecam_size", &p->ecam_size) && jp_u64(jp, v, "io_base", &p->io_base) &&
           jp_u64(jp, v, "io_size", &p->io_size) && jp_u64(jp, v, "pci_io_base", &p->pci_io_base) &&
           jp_u64(jp, v, "mem32_base", &p->mem32_base) &&
           jp_u64(jp, v, "mem32_size", &p->mem32_size) &&
           jp_u64(jp, v, "pci_mem32_base", &p->pci_mem32_base) &&
           jp_u64(jp, v, "mem64_base", &p->mem64_base) &&
           jp_u64(jp, v, "mem64_size", &p->mem64_size) &&
           jp_u64(jp, v, "pci_mem64_base", &p->pci_mem64_base) &&
           jp_u32(jp, v, "bus_range_begin", &p->bus_range_begin) &&
           jp_u32(jp, v, "bus_range_end", &p->bus_range_end) && jp_u8(jp, v, "domain", &p->domain);
}

/* v_bus, v_device, v_function default to the physical ones, as in hvisor-tool. */
static bool parse_pci_dev(struct jparse *jp, const cJSON *v, struct lvisor_pci_dev *d)
{
    if (!jp_is_object(jp, v) || !jp_u8(jp, v, "domain", &d->domain) ||
        !jp_u8(jp, v, "bus", &d->bus) || !jp_u8(jp, v, "device", &d->device) ||
        !jp_u8(jp, v, "function", &d->function))
        return false;
    d->v_bus = d->bus;
    d->v_device = d->device;
    d->v_function = d->function;
    return (!jp_get(jp, v, "v_bus", false) || jp_u8(jp, v, "v_bus", &d->v_bus)) &&
           (!jp_get(jp, v, "v_device", false) || jp_u8(jp, v, "v_device", &d->v_device)) &&
           (!jp_get(jp, v, "v_function", false) || jp_u8(jp, v, "v_function", &d->v_function)) &&
           jp_u32(jp, v, "dev_type", &d->dev_type);
}

/* Each entry of the array arr (the value of key) through fn, into out[0], out[1], ... */
#define PARSE_EACH(jp, arr, key, fn, out)                                                          \
    do {                                                                                           \
        size_t back_ = jp_enter_key(jp, key);                                                      \
        for (int i_ = 0; !jp_failed(jp) && i_ < cJSON_GetArraySize(arr); i_++) {                   \
            size_t at_ = jp_enter_index(jp, i_);                                                   \
            fn(jp, cJSON_GetArrayItem(arr, i_), &(out)[i_]);                                       \
            jp_leave(jp, at_);                                                                     \
        }                                                                                          \
        jp_leave(jp, back_);                                                                       \
    } while (0)

static bool parse_ivcs(struct jparse *jp, const cJSON *root, struct lvisor_zone_config *zc)
{
    const cJSON *arr = jp_array(jp, root, "ivc_configs", true);
    if (!arr || !at_most(jp, arr, "ivc_configs", LVISOR_MAX_IVC_CONFIGS, "entries"))
        return false;
    PARSE_EACH(jp, arr, "ivc_configs", parse_ivc, zc->ivc_configs);
    zc->num_ivc_configs = (uint32_t)cJSON_GetArraySize(arr);
    return !jp_failed(jp);
}

static bool parse_pci(struct jparse *jp, const cJSON *root, struct lvisor_zone_config *zc)
{
    const cJSON *arr = jp_array(jp, root, "pci_config", true);
    if (!arr || !at_most(jp, arr, "pci_config", LVISOR_MAX_PCI_BUS, "buses"))
        return false;
    PARSE_EACH(jp, arr, "pci_config", parse_pci_bus, zc->pci_config);
    zc->num_pci_bus = (uint64_t)cJSON_GetArraySize(arr);
    arr = optional_array(jp, root, "alloc_pci_devs");
    if (!arr || !at_most(jp, arr, "alloc_pci_devs", LVISOR_MAX_PCI_DEVS, "devices"))
        return !jp_failed(jp);
    PARSE_EACH(jp, arr, "alloc_pci_devs", parse_pci_dev, zc->alloc_pci_devs);
    zc->num_pci_devs = (uint64_t)cJSON_GetArraySize(arr);
    return !jp_failed(jp);
}

/* A file path; "null" means none, as in hvisor-tool. */
static bool image_path(struct jparse *jp, const cJSON *obj, const char *key, struct image *img)
{
    const char *path = jp_string(jp, obj, key);
    if (!path)
        return false;
    snprintf(img->key, sizeof(img->key), "%s%s%s", jp->path, jp->len ? "." : "", key);
    if (!strcmp(path, "null"))
        return true;
    if (!(img->path = strdup(path)))
        return jp_fail(jp, "out of memory");
    return true;
}

static bool parse_module(struct jparse *jp, const cJSON *v, struct image *img)
{
    return jp_is_object(jp, v) && jp_string(jp, v, "name") && image_path(jp, v, "filepath", img) &&
           jp_u64(jp, v, "load_paddr", &img->load_paddr);
}

static bool parse_images(struct jparse *jp, const cJSON *root, struct zone_json *zj)
{
    struct lvisor_zone_config *zc = &zj->cfg;
    if (!jp_u64(jp, root, "entry_point", &zc->entry_point) ||
        !jp_u64(jp, root, "kernel_load_paddr", &zj->kernel.load_paddr) ||
        !jp_u64(jp, root, "dtb_load_paddr", &zj->dtb.load_paddr) ||
        !image_path(jp, root, "kernel_filepath", &zj->kernel) ||
        !image_path(jp, root, "dtb_filepath", &zj->dtb))
        return false;
    zc->kernel_load_paddr = zj->kernel.load_paddr;
    zc->dtb_load_paddr = zj->dtb.load_paddr;
    const cJSON *arr = optional_array(jp, root, "modules");
    if (!arr)
        return !jp_failed(jp);
    int n = cJSON_GetArraySize(arr);
    if (n && !(zj->modules = calloc((size_t)n, sizeof(*zj->modules))))
        return jp_fail(jp, "out of memory");
    zj->nr_modules = n;
    PARSE_EACH(jp, arr, "modules", parse_module, zj->modules);
    return !jp_failed(jp);
}

static bool read_image(struct image *img, const char *paddr_key,
                       const struct lvisor_zone_config *zc, char *err, size_t errlen)
{
    return image_read(img, err, errlen) && image_fits(img, paddr_key, zc, err, errlen);
}

/* Every file is read, and each must fit where it goes. */
static bool read_images(struct zone_json *zj, char *err, size_t errlen)
{
    if (!read_image(&zj->kernel, "kernel_load_paddr", &zj->cfg, err, errlen) ||
        !read_image(&zj->dtb, "dtb_load_paddr", &zj->cfg, err, errlen))
        return false;
    for (int i = 0; i < zj->nr_modules; i++) {
        char key[48];
        snprintf(key, sizeof(key), "modules[%d].load_paddr", i);
        if (!read_image(&zj->modules[i], key, &zj->cfg, err, errlen))
            return false;
    }
    zj->cfg.kernel_size = zj->kernel.path ? IMAGE_ROUND(zj->kernel.len) : 0;
    zj->cfg.dtb_size = zj->dtb.path ? IMAGE_ROUND(zj->dtb.len) : 0;
    return true;
}

bool zone_json_load(const char *file, struct zone_json *zj, char *err, size_t errlen)
{
    memset(zj, 0, sizeof(*zj));
    size_t len;
    char *text = read_text(file, &len, err, errlen);
    if (!text)
        return false;
    cJSON *root = parse_text(text, len, err, errlen);
    free(text);
    if (!root)
        return false;
    struct jparse jp = {0};
    struct lvisor_zone_config *zc = &zj->cfg;
    bool ok = parse_zone_id(&jp, root, zc) && parse_cpus(&jp, root, zc) &&
              parse_name(&jp, root, zc) && parse_regions(&jp, root, zc) &&
              parse_interrupts(&jp, root, zc) && parse_ivcs(&jp, root, zc) &&
              parse_images(&jp, root, zj) && parse_pci(&jp, root, zc);
    cJSON_Delete(root);
    if (!ok)
        snprintf(err, errlen, "%s", jp.err);
    else
        ok = read_images(zj, err, errlen);
    if (!ok)
        zone_json_free(zj);
    return ok;
}

void zone_json_free(struct zone_json *zj)
{
    image_free(&zj->kernel);
    image_free(&zj->dtb);
    free(zj->kernel.path);
    free(zj->dtb.path);
    for (int i = 0; i < zj->nr_modules; i++) {
        image_free(&zj->modules[i]);
        free(zj->modules[i].path);
    }
    free(zj->modules);
    memset(zj, 0, sizeof(*zj));
}
