/*
 * Zones the root starts, lists and stops at run time (HVC_ZONE_START, _LIST,
 * _SHUTDOWN). One request at a time; a start is checked whole before
 * anything changes, a shutdown stops the zone in whatever state it is.
 */
#ifndef CORE_ZONE_ADMIN_H
#define CORE_ZONE_ADMIN_H

#include "lib/types.h"

struct zone;
struct lvisor_zone_info;

/* The root's zone_config at root address pa, size bytes: 0 or a negative errno. */
s64 zone_admin_start(struct zone *root, u64 pa, u64 size);
/* Stops zone id, returns its CPUs and frames: 0 or a negative errno. */
s64 zone_admin_shutdown(u64 id);
/* Fills up to capacity entries (the root included); returns how many. */
s64 zone_admin_list(struct lvisor_zone_info *info, u64 capacity);
/* Why the last start was refused ("" if it was not). */
const char *zone_admin_last_error(void);

#endif
