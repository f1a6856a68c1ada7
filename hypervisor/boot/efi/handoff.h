/*
 * What lvisor.efi hands lvisor after ExitBootServices: lvisor's entry gets
 * a0 = LVISOR_EFI_MAGIC, a1 = the physical address of this block, a2 = 0.
 * The block, the memory map and the staged images live in memory the
 * firmware gave the loader (EfiLoaderData); lvisor reads them before it
 * loads anything. Shared by the loader (boot/efi/) and the board code.
 */
#ifndef BOOT_EFI_HANDOFF_H
#define BOOT_EFI_HANDOFF_H

#include <stdint.h>

#define LVISOR_EFI_MAGIC   0x4c56495345464931UL /* "LVISEFI1" */
#define LVISOR_EFI_VERSION 1

/* EFI memory types the handoff's map carries (UEFI 2.10 §7.2) */
enum efi_memory_type {
    EFI_RESERVED = 0,
    EFI_LOADER_CODE,
    EFI_LOADER_DATA,
    EFI_BOOT_SERVICES_CODE,
    EFI_BOOT_SERVICES_DATA,
    EFI_RUNTIME_SERVICES_CODE,
    EFI_RUNTIME_SERVICES_DATA,
    EFI_CONVENTIONAL,
    EFI_UNUSABLE,
    EFI_ACPI_RECLAIM,
    EFI_ACPI_NVS,
    EFI_MMIO,
    EFI_MMIO_PORT,
    EFI_PAL_CODE,
    EFI_PERSISTENT,
};

struct efi_memory_descriptor {
    uint32_t type;
    uint32_t pad;
    uint64_t phys;
    uint64_t virt;
    uint64_t pages; /* 4 KiB pages */
    uint64_t attr;
};

struct lvisor_efi_handoff {
    uint64_t magic;               /* LVISOR_EFI_MAGIC */
    uint32_t version;             /* LVISOR_EFI_VERSION */
    uint32_t size;                /* sizeof(struct lvisor_efi_handoff) */
    uint64_t hv_base, hv_size;    /* lvisor's memory, allocated as EfiReservedMemoryType */
    uint64_t fdt, fdt_size;       /* the firmware's device tree (0: none) */
    uint64_t acpi_rsdp;           /* ACPI 2.0 RSDP (0: none) */
    uint64_t kernel, kernel_size; /* the root zone's kernel (ELF) as read from the ESP */
    uint64_t initrd, initrd_size; /* its initrd (size 0: none) */
    uint64_t memmap, memmap_size; /* the final memory map (ExitBootServices' key) */
    uint64_t memmap_desc_size;    /* bytes per descriptor (>= sizeof the struct above) */
    char cmdline[256];            /* lvisor's own command line (as -append) */
    char root_cmdline[512];       /* the root zone kernel's; "" keeps the board's */
};

/* Memory the firmware keeps after ExitBootServices: no zone may use it as RAM. */
static inline int efi_memory_kept(uint32_t type)
{
    return type == EFI_RESERVED || type == EFI_RUNTIME_SERVICES_CODE ||
           type == EFI_RUNTIME_SERVICES_DATA || type == EFI_UNUSABLE || type == EFI_ACPI_NVS ||
           type == EFI_MMIO || type == EFI_MMIO_PORT || type == EFI_PAL_CODE;
}

/* How lvisor.efi and lvisor name the kept types in their listings. */
static inline const char *efi_memory_type_name(uint32_t type)
{
    if (type == EFI_RESERVED)
        return "reserved";
    if (type == EFI_RUNTIME_SERVICES_CODE)
        return "runtime code";
    if (type == EFI_RUNTIME_SERVICES_DATA)
        return "runtime data";
    if (type == EFI_ACPI_NVS)
        return "ACPI NVS";
    if (type == EFI_MMIO || type == EFI_MMIO_PORT)
        return "MMIO";
    if (type == EFI_UNUSABLE)
        return "unusable";
    if (type == EFI_PAL_CODE)
        return "PAL code";
    return "other";
}

#endif
