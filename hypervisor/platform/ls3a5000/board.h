/*
 * Loongson 3A5000 + LS7A board (hvisor's ls3a5000 layout, hvisor-interfaces.md
 * §6.5); private to this directory.
 *   0x0000_0000 - 0x0eff_ffff  root zone RAM (firmware's low pages, kernel at 0x20_0000)
 *   0x9000_0000 - 0x9fff_ffff  root zone RAM; a loader stages its kernel and initrd here
 *   0xa000_0000 - 0xefff_ffff  RAM for non-root zones (mapped in the root for loading)
 *   0xf000_0000 - 0xffff_ffff  root zone RAM
 *   0x1_0000_0000 - 0x1_47ff_ffff  RAM for non-root zones and shared pages
 *   0x1_6000_0000 - 0x1_6fff_ffff  root zone RAM
 *   0x1_f000_0000 - 0x1_f7ff_ffff  lvisor: image, stacks, frame pool
 */
#ifndef LS3A5000_BOARD_H
#define LS3A5000_BOARD_H

#include "lib/types.h"
#include "core/config.h"

#define BOARD_HV_BASE ((paddr_t)LOAD_ADDR) /* from platform.mk, as the linker's */
#define BOARD_HV_SIZE 0x08000000UL

#define BOARD_UART0_BASE         0x1fe001e0UL
#define BOARD_KERNEL_STAGING     0x90000000UL
#define BOARD_KERNEL_STAGING_MAX 0x08000000UL
#define BOARD_INITRD_STAGING     0x98000000UL
#define BOARD_INITRD_STAGING_MAX 0x08000000UL

extern struct zone_config ls3a5000_root_zone;

#endif
