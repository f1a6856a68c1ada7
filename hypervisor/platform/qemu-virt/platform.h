/*
 * QEMU `virt` board (hw/loongarch/virt.c) as lvisor uses it. Physical layout
 * with `-m 1G` (more RAM extends the high part; less is refused):
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

/* RAM above the I/O hole: at least what the staging windows need (-m 1G). */
#define PLAT_HIGH_RAM_BASE 0x80000000UL
#define PLAT_HIGH_RAM_MIN 0x30000000UL
/* Where QEMU places its device tree for a -kernel boot (and its maximum size). */
#define PLAT_BOARD_FDT 0x100000UL
#define PLAT_BOARD_FDT_MAX 0x100000UL

struct zone_config;
extern struct zone_config root_zone_config;
/* Sizes the root zone's RAM from QEMU's device tree; false (logged) if unusable. */
bool plat_root_zone_fit_ram(void);
void root_zone_set_high_ram(u64 size);
/* The CPUs QEMU's device tree lists (-smp), so that absent ones are not waited for. */
u64 plat_board_cpus(void);

#endif
