/*
 * Typed values out of a cJSON tree, each error naming the key path of the
 * value and what is wrong with it. Numbers follow hvisor-tool's rules (a
 * JSON number, or a string for strtoull with base 0), minus its silent
 * cases: a negative, fractional or too large number is an error here.
 */
#include "json_value.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Above 2^53 a double no longer holds every integer: such values must be strings. */
#define JSON_EXACT_MAX 9007199254740992.0

static size_t jp_append(struct jparse *jp, const char *fmt, const char *key, int index)
{
    size_t old = jp->len;
    int n = key ? snprintf(jp->path + old, sizeof(jp->path) - old, fmt, key)
                : snprintf(jp->path + old, sizeof(jp->path) - old, fmt, index);
    /* a path too long for the buffer is cut short; it still points the right way */
    jp->len = n < 0 ? old : strlen(jp->path);
    return old;
}

size_t jp_enter_key(struct jparse *jp, const char *key)
{
    return jp_append(jp, jp->len ? ".%s" : "%s", key, 0);
}

size_t jp_enter_index(struct jparse *jp, int index) { return jp_append(jp, "[%d]", NULL, index); }

void jp_leave(struct jparse *jp, size_t len)
{
    jp->len = len;
    jp->path[len] = '\0';
}

bool jp_failed(const struct jparse *jp) { return jp->err[0] != '\0'; }

bool jp_fail(struct jparse *jp, const char *fmt, ...)
{
    if (jp_failed(jp))
        return false;
    size_t n = 0;
    if (jp->len)
        n = (size_t)snprintf(jp->err, sizeof(jp->err), "%s: ", jp->path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(jp->err + n, sizeof(jp->err) - n, fmt, ap);
    va_end(ap);
    return false;
}

const char *jp_kind(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    if (cJSON_IsTrue(v))
        return "true";
    if (cJSON_IsFalse(v))
        return "false";
    return "null";
}

const cJSON *jp_get(struct jparse *jp, const cJSON *obj, const char *key, bool required)
{
    if (jp_failed(jp))
        return NULL;
    const cJSON *v = cJSON_GetObjectItem(obj, key);
    if (!v && required)
        jp_fail(jp, "missing key \"%s\"", key);
    return v;
}

bool jp_is_object(struct jparse *jp, const cJSON *v)
{
    if (jp_failed(jp))
        return false;
    return cJSON_IsObject(v) || jp_fail(jp, "expected an object, found %s", jp_kind(v));
}

bool jp_is_array(struct jparse *jp, const cJSON *v)
{
    if (jp_failed(jp))
        return false;
    return cJSON_IsArray(v) || jp_fail(jp, "expected an array, found %s", jp_kind(v));
}

static bool from_json_number(struct jparse *jp, double d, uint64_t *out)
{
    if (d < 0)
        return jp_fail(jp, "%.17g is negative", d);
    /* NaN fails every comparison: the last test catches it too */
    if (!(d <= JSON_EXACT_MAX))
        return jp_fail(jp, "%.17g is too large for a JSON number: write it as a string (\"0x...\")",
                       d);
    if ((double)(uint64_t)d != d)
        return jp_fail(jp, "%.17g is not a whole number", d);
    *out = (uint64_t)d;
    return true;
}

static bool from_string(struct jparse *jp, const char *s, uint64_t *out)
{
    /* strtoull would take "-1" as 2^64 - 1 */
    const char *p = s;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '-')
        return jp_fail(jp, "\"%s\" is negative", s);
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (end == s || *end != '\0')
        return jp_fail(jp, "\"%s\" is not a number", s);
    if (errno == ERANGE)
        return jp_fail(jp, "\"%s\" does not fit in 64 bits", s);
    *out = v;
    return true;
}

bool jp_number(struct jparse *jp, const cJSON *v, unsigned bits, uint64_t *out)
{
    if (jp_failed(jp))
        return false;
    uint64_t val;
    bool ok;
    if (cJSON_IsNumber(v))
        ok = from_json_number(jp, v->valuedouble, &val);
    else if (cJSON_IsString(v))
        ok = from_string(jp, v->valuestring, &val);
    else
        return jp_fail(jp, "expected a number, found %s", jp_kind(v));
    if (!ok)
        return false;
    if (bits < 64 && val >> bits) {
        if (cJSON_IsString(v))
            return jp_fail(jp, "\"%s\" does not fit in %u bits", v->valuestring, bits);
        return jp_fail(jp, "%llu does not fit in %u bits", (unsigned long long)val, bits);
    }
    *out = val;
    return true;
}

bool jp_member_number(struct jparse *jp, const cJSON *obj, const char *key, unsigned bits,
                      uint64_t *out)
{
    const cJSON *v = jp_get(jp, obj, key, true);
    if (!v)
        return false;
    size_t back = jp_enter_key(jp, key);
    bool ok = jp_number(jp, v, bits, out);
    jp_leave(jp, back);
    return ok;
}

bool jp_u64(struct jparse *jp, const cJSON *obj, const char *key, uint64_t *out)
{
    return jp_member_number(jp, obj, key, 64, out);
}

bool jp_u32(struct jparse *jp, const cJSON *obj, const char *key, uint32_t *out)
{
    uint64_t v;
    if (!jp_member_number(jp, obj, key, 32, &v))
        return false;
    *out = (uint32_t)v;
    return true;
}

bool jp_u8(struct jparse *jp, const cJSON *obj, const char *key, uint8_t *out)
{
    uint64_t v;
    if (!jp_member_number(jp, obj, key, 8, &v))
        return false;
    *out = (uint8_t)v;
    return true;
}

const char *jp_string(struct jparse *jp, const cJSON *obj, const char *key)
{
    const cJSON *v = jp_get(jp, obj, key, true);
    if (!v)
        return NULL;
    if (cJSON_IsString(v))
        return v->valuestring;
    size_t back = jp_enter_key(jp, key);
    jp_fail(jp, "expected a string, found %s", jp_kind(v));
    jp_leave(jp, back);
    return NULL;
}

const cJSON *jp_array(struct jparse *jp, const cJSON *obj, const char *key, bool required)
{
    const cJSON *v = jp_get(jp, obj, key, required);
    if (!v)
        return NULL;
    size_t back = jp_enter_key(jp, key);
    bool ok = jp_is_array(jp, v);
    jp_leave(jp, back);
    return ok ? v : NULL;
}

unsigned jp_line_of(const char *text, const char *at)
{
    unsigned line = 1;
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}
