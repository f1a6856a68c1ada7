/*
 * The board lvisor runs on, as data: filled by platform/$(PLATFORM)/ and
 * read by core. Nothing else in core knows which board it is.
 */
#ifndef CORE_PLATFORM_H
#define CORE_PLATFORM_H

#include "lib/types.h"
#include "core/config.h"

enum console_type { CONSOLE_NONE, CONSOLE_NS16550 };

struct platform {
    const char *name;
    struct hv_memory hv; /* lvisor's own memory: image, stacks, frame pool */
    u32 nr_cpus;         /* CPUs the board can have (CONFIG_MAX_CPUS) */
    struct {
        enum console_type type;
        paddr_t base;
    } console;
    /* lvisor's boot arguments (a0-a2 of its entry): e.g. its command line. */
    void (*read_boot_args)(u64 a0, u64 a1, u64 a2);
    /* Sizes RAM from what the board reports and fits the root zone to it; false (logged) if
     * unusable. */
    bool (*discover_ram)(void);
    /* The CPUs the board has. */
    u64 (*present_cpus)(void);
    /* Starts every CPU in `wanted` at `entry`; returns once they are up or given up on. */
    void (*start_secondaries)(u64 wanted, u64 entry);
    struct zone_config *root_zone;
    /* Ranges of the root's RAM its firmware keeps (size 0: unused): reserved, no-map nodes
     * `firmware-<i>` of the root's tree, so that its Linux leaves them alone. */
    const struct phys_range *root_reserved;
    u32 nr_root_reserved;
    /* What non-root zones may have: the RAM set aside for them (size 0: none on this
     * machine), whole-page devices, and devices that share a page and are trapped. */
    const struct phys_range *zone_ram;
    u32 nr_zone_ram;
    const struct phys_range *zone_io;
    u32 nr_zone_io;
    const struct phys_range *zone_trapped;
    u32 nr_zone_trapped;
};

extern const struct platform platform;
/* From the boot arguments: false sends only errors to the console once the root zone runs
 * (the rest to the log ring the root reads). */
extern bool log_to_console_after_boot;

#endif
