/*
 * QEMU `virt` board (hw/loongarch/virt.c) as lvisor uses it. Physical layout
 * with `-m 1G`:
 *   0x0000_0000 - 0x0eff_ffff  root zone RAM (low)
 *   0x0f00_0000 - 0x0fff_ffff  lvisor: image, stacks, frame pool (reserved)
 *   0x8000_0000 - 0xafff_ffff  root zone RAM (high); the loader stages
 *                              vmlinux at 0xa000_0000 and the initrd at 0xa800_0000
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#include "lib/types.h"

#define PLAT_HV_BASE 0x0f000000UL
#define PLAT_HV_SIZE 0x01000000UL

#define PLAT_UART0_BASE 0x1fe001e0UL
#define PLAT_KERNEL_STAGING 0xa0000000UL
#define PLAT_KERNEL_STAGING_MAX 0x08000000UL
#define PLAT_INITRD_STAGING 0xa8000000UL
#define PLAT_INITRD_STAGING_MAX 0x08000000UL

#define PLAT_MAX_CPUS 4

struct zone_config;
extern struct zone_config root_zone_config;

#endif
