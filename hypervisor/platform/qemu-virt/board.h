/*
 * QEMU `virt` board (hw/loongarch/virt.c) as lvisor uses it; private to this
 * directory. Physical layout with `-m 1G` (more RAM extends the high part;
 * less is refused):
 *   0x0000_0000 - 0x0eff_ffff  root zone RAM (low)
 *   0x0f00_0000 - 0x0fff_ffff  lvisor: image, stacks, frame pool (reserved)
 *   0x8000_0000 - 0xafff_ffff  root zone RAM (high); the loader stages
 *                              vmlinux at 0xa000_0000 and the initrd at 0xa800_0000
 * With -m 2G or more, RAM reaches past 0xe000_0000 and
 *   0xc000_0000 - 0xdfff_ffff  RAM set aside for non-root zones: mapped in
 *                              the root (to load images), reserved in its tree
 * Started by lvisor.efi from EDK2 (platform.mk's EFI_LOAD_ADDR), lvisor is at
 * 0x0a00_0000 and the root's low RAM ends there: EDK2 keeps its own memory
 * (runtime services code and data, ACPI tables) in 0x0d90_0000-0x0fff_ffff,
 * and 0x0b00_0000-0x0fff_ffff is nobody's. Anything else the firmware's
 * memory map keeps is cut off the top of the root's RAM or reserved in its
 * tree (root_ram.c).
 */
#ifndef QEMU_VIRT_BOARD_H
#define QEMU_VIRT_BOARD_H

#include "lib/types.h"
#include "core/config.h"

#define BOARD_HV_BASE ((paddr_t)LOAD_ADDR) /* from platform.mk, as the linker's */
#define BOARD_HV_SIZE 0x01000000UL

#define BOARD_UART0_BASE         0x1fe001e0UL
#define BOARD_KERNEL_STAGING     0xa0000000UL
#define BOARD_KERNEL_STAGING_MAX 0x08000000UL
#define BOARD_INITRD_STAGING     0xa8000000UL
#define BOARD_INITRD_STAGING_MAX 0x08000000UL

/* RAM above the I/O hole: at least what the staging windows need (-m 1G). */
#define BOARD_HIGH_RAM_BASE 0x80000000UL
#define BOARD_HIGH_RAM_MIN  0x30000000UL
#define BOARD_ZONE_RAM_BASE 0xc0000000UL
#define BOARD_ZONE_RAM_SIZE 0x20000000UL
/* Where QEMU places its device tree for a -kernel boot (and its maximum size). */
#define BOARD_FDT     0x100000UL
#define BOARD_FDT_MAX 0x100000UL

extern struct zone_config qemu_virt_root_zone;
/* Where the board's device tree is: QEMU's at BOARD_FDT, or the firmware's after a UEFI boot. */
extern paddr_t board_fdt_pa;
extern u64 board_fdt_max;
/* After a UEFI boot: the firmware's memory map, whose kept regions stay out of the root zone. */
void board_set_efi_memmap(const void *map, u64 size, u64 desc_size);
extern struct phys_range board_zone_ram[1];      /* size 0 when the board's RAM does not reach it */
extern struct phys_range board_root_reserved[4]; /* root_ram.h's ROOT_RAM_RESERVED_MAX */
void root_zone_set_high_ram(u64 size);
bool board_discover_ram(void);
u64 board_present_cpus(void);

#endif
