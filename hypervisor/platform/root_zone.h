/*
 * What every board's Linux root zone shares: zone 0 on every CPU, the
 * embedded device tree (root_dtb.S), its boot data where Linux keeps it
 * ([0, 2 MiB) is reserved by Linux itself) and every interrupt line. A board
 * gives its name, its regions and where its loader stages the images.
 */
#ifndef PLATFORM_ROOT_ZONE_H
#define PLATFORM_ROOT_ZONE_H

#include "core/config.h"

extern const char root_zone_dtb[], root_zone_dtb_end[];

#define ROOT_ZONE_CMDLINE "console=ttyS0,115200 earlycon rdinit=/init"

#define ROOT_ZONE_LINUX(zone_name, regions, kernel_at, kernel_max, initrd_at, initrd_sz)           \
    {                                                                                              \
        .id = 0,                                                                                   \
        .name = (zone_name),                                                                       \
        .cpus = BIT(CONFIG_MAX_CPUS) - 1,                                                          \
        .nr_mem = ARRAY_SIZE(regions),                                                             \
        .mem = (regions),                                                                          \
        .cmdline = ROOT_ZONE_CMDLINE,                                                              \
        .kernel_image = (kernel_at),                                                               \
        .kernel_image_max = (kernel_max),                                                          \
        .initrd_image = (initrd_at),                                                               \
        .initrd_max = (initrd_sz),                                                                 \
        .dtb = root_zone_dtb,                                                                      \
        .dtb_end = root_zone_dtb_end,                                                              \
        .boot_data_gpa = 0x10000,                                                                  \
        .fdt_gpa = 0x100000,                                                                       \
        .passthrough_irqs = 0xff,                                                                  \
    }

#endif
