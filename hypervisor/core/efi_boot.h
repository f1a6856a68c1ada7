/*
 * Boot data a Linux guest expects from UEFI on LoongArch (linux-boot.md §2):
 * a command line (a1) and an EFI system table (a2) whose configuration tables
 * point at the device tree and, optionally, the initrd. Written into zone RAM
 * that Linux keeps ([0, 2 MiB) is always reserved by it). Portable: unit-tested.
 */
#ifndef CORE_EFI_BOOT_H
#define CORE_EFI_BOOT_H

#include "lib/types.h"

#define EFI_BOOT_AREA_SIZE 0x1000
#define EFI_CMDLINE_MAX    512

struct efi_boot_args {
    const char *cmdline;
    u64 fdt_gpa;
    u64 initrd_gpa, initrd_size; /* size 0: no initrd table */
};

struct efi_boot_addrs {
    u64 cmdline_gpa; /* a1 */
    u64 systab_gpa;  /* a2 */
};

/* `area` is the host view of EFI_BOOT_AREA_SIZE bytes of zone RAM at `area_gpa`. */
void efi_boot_build(void *area, u64 area_gpa, const struct efi_boot_args *args,
                    struct efi_boot_addrs *out);

/* Offsets inside the area (also used by tests). */
#define EFI_OFF_CMDLINE 0x000
#define EFI_OFF_VENDOR  0x200
#define EFI_OFF_SYSTAB  0x300
#define EFI_OFF_TABLES  0x400
#define EFI_OFF_INITRD  0x500

#define EFI_SYSTAB_SIGNATURE 0x5453595320494249UL

#endif
