/*
 * Reading typed values out of a cJSON tree with messages that name where
 * the value sits ("memory_regions[2].size: ..."). The first error sticks:
 * every reader returns false (or NULL) from then on, so a caller may check
 * once at the end of a block.
 */
#ifndef JSON_VALUE_H
#define JSON_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>

struct jparse {
    char path[192]; /* key path of the value being read; "" is the top object */
    size_t len;
    char err[512]; /* "" until the first error */
};

/* Step into obj.key or array[index]; both return the length to go back to. */
size_t jp_enter_key(struct jparse *jp, const char *key);
size_t jp_enter_index(struct jparse *jp, int index);
void jp_leave(struct jparse *jp, size_t len);

/* Records "path: message" (or "message" at the top); returns false. */
bool jp_fail(struct jparse *jp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool jp_failed(const struct jparse *jp);
/* "a string", "an array", "true" ...: what a value is, for messages. */
const char *jp_kind(const cJSON *v);

/*
 * obj.key, where obj is the value at the current path: NULL when absent,
 * which is an error when required. Keys match without regard to case, as
 * in hvisor-tool (cJSON_GetObjectItem).
 */
const cJSON *jp_get(struct jparse *jp, const cJSON *obj, const char *key, bool required);

/* The value at the current path is an object / an array. */
bool jp_is_object(struct jparse *jp, const cJSON *v);
bool jp_is_array(struct jparse *jp, const cJSON *v);

/*
 * The value at the current path as an unsigned number of `bits` bits: a
 * JSON number (a whole one, not negative, exact in a double) or a string
 * strtoull reads whole with base 0 ("0x1000", "4096", "010").
 */
bool jp_number(struct jparse *jp, const cJSON *v, unsigned bits, uint64_t *out);

/* obj.key (required) as a number, a string, an array. */
/* The number under key (required), in `bits` bits, with the key in the error's path. */
bool jp_member_number(struct jparse *jp, const cJSON *obj, const char *key, unsigned bits,
                      uint64_t *out);
bool jp_u64(struct jparse *jp, const cJSON *obj, const char *key, uint64_t *out);
bool jp_u32(struct jparse *jp, const cJSON *obj, const char *key, uint32_t *out);
bool jp_u8(struct jparse *jp, const cJSON *obj, const char *key, uint8_t *out);
const char *jp_string(struct jparse *jp, const cJSON *obj, const char *key);
/* The line of text that at points into (1 for the first). */
unsigned jp_line_of(const char *text, const char *at);
const cJSON *jp_array(struct jparse *jp, const cJSON *obj, const char *key, bool required);

#endif
