/*
 * The zone config a root-zone program hands to HVC_ZONE_START (a1 = its
 * physical address, a2 = its size): hvisor-tool's zone_config_t as built for
 * LoongArch (LP64, natural alignment), field for field, so the tool's
 * HVISOR_ZONE_START ioctl works unchanged. Shared by lvisor, the root-zone
 * driver and CLI.
 *
 * Layouts: LVISOR_ZONE_CONFIG_SIZE (3184 bytes) is the one HVC_CONFIG_CHECK
 * announces (LVISOR_CONFIG_MAGIC, 6). The older layout (3056 bytes, magic 5)
 * differs only in the PCI device entries at the end (8 bytes each, no
 * v_bus/v_device/v_function). lvisor never reads those entries, and every
 * field it does read sits below offset 2800 in both, so ZONE_START accepts
 * either size; the size alone tells them apart. HVC_CONFIG_CHECK still
 * answers 6 only, so an older tool stops at its own magic check: the older
 * size is for programs that skip it.
 */
#ifndef LVISOR_ZONE_CONFIG_H
#define LVISOR_ZONE_CONFIG_H

#include "hypercall.h"

/*
 * The compiler's own fixed-width types: no header needed, so the same lines
 * build in lvisor (freestanding), the Linux module and a musl program.
 */
typedef __UINT8_TYPE__ lvisor_u8;
typedef __UINT32_TYPE__ lvisor_u32;
typedef __UINT64_TYPE__ lvisor_u64;

/* memory_regions[].type */
#define LVISOR_MEM_RAM    0 /* physical_start = HPA (root view), virtual_start = zone GPA */
#define LVISOR_MEM_IO     1 /* a device's registers, passed through */
#define LVISOR_MEM_VIRTIO 2 /* a virtio-mmio window the root's daemon serves: GPA only */

#define LVISOR_MAX_MEM_REGIONS         64
#define LVISOR_INTERRUPT_WORDS         32 /* a 1024-bit bitmap; unused on LoongArch */
#define LVISOR_MAX_IVC_CONFIGS         2
#define LVISOR_MAX_PCI_BUS             4
#define LVISOR_MAX_PCI_DEVS            32
#define LVISOR_ZONE_CONFIG_SIZE        3184
#define LVISOR_ZONE_CONFIG_SIZE_LEGACY 3056

struct lvisor_mem_region {
    lvisor_u32 type;
    lvisor_u64 physical_start;
    lvisor_u64 virtual_start;
    lvisor_u64 size;
};

struct lvisor_ivc_config {
    lvisor_u32 ivc_id;
    lvisor_u32 peer_id;
    lvisor_u64 control_table_ipa;
    lvisor_u64 shared_mem_ipa;
    lvisor_u32 rw_sec_size;
    lvisor_u32 out_sec_size;
    lvisor_u32 interrupt_num;
    lvisor_u32 max_peers;
};

struct lvisor_pci_config {
    lvisor_u64 ecam_base;
    lvisor_u64 ecam_size;
    lvisor_u64 io_base;
    lvisor_u64 io_size;
    lvisor_u64 pci_io_base;
    lvisor_u64 mem32_base;
    lvisor_u64 mem32_size;
    lvisor_u64 pci_mem32_base;
    lvisor_u64 mem64_base;
    lvisor_u64 mem64_size;
    lvisor_u64 pci_mem64_base;
    lvisor_u32 bus_range_begin;
    lvisor_u32 bus_range_end;
    lvisor_u8 domain;
};

struct lvisor_pci_dev {
    lvisor_u8 domain;
    lvisor_u8 bus;
    lvisor_u8 device;
    lvisor_u8 function;
    lvisor_u8 v_bus;
    lvisor_u8 v_device;
    lvisor_u8 v_function;
    lvisor_u32 dev_type;
};

/* The older layout's PCI device entry. */
struct lvisor_pci_dev_legacy {
    lvisor_u8 domain;
    lvisor_u8 bus;
    lvisor_u8 device;
    lvisor_u8 function;
    lvisor_u32 dev_type;
};

/* LoongArch's arch_config: never filled by the tool (0). */
struct lvisor_arch_zone_config {
    lvisor_u64 dummy;
};

struct lvisor_zone_config {
    lvisor_u32 zone_id;
    lvisor_u64 cpus; /* bitmask of physical CPUs */
    lvisor_u32 num_memory_regions;
    struct lvisor_mem_region memory_regions[LVISOR_MAX_MEM_REGIONS];
    lvisor_u32 interrupts_bitmap[LVISOR_INTERRUPT_WORDS];
    lvisor_u32 num_ivc_configs;
    struct lvisor_ivc_config ivc_configs[LVISOR_MAX_IVC_CONFIGS];
    lvisor_u64 entry_point;          /* guest PC; DMW-style high bits allowed */
    lvisor_u64 kernel_load_paddr;    /* where the root loaded the kernel (HPA) */
    lvisor_u64 kernel_size;          /* 0: none */
    lvisor_u64 dtb_load_paddr;       /* where the root loaded the device tree (HPA) */
    lvisor_u64 dtb_size;             /* 0: none */
    char name[LVISOR_ZONE_NAME_LEN]; /* may fill all 32 bytes, without a NUL */
    struct lvisor_arch_zone_config arch_config;
    lvisor_u64 num_pci_bus;
    struct lvisor_pci_config pci_config[LVISOR_MAX_PCI_BUS];
    lvisor_u64 num_pci_devs;
    struct lvisor_pci_dev alloc_pci_devs[LVISOR_MAX_PCI_DEVS];
};

#define LVISOR_ZC_OFFSET(field) __builtin_offsetof(struct lvisor_zone_config, field)
_Static_assert(sizeof(struct lvisor_mem_region) == 32, "memory region entry");
_Static_assert(sizeof(struct lvisor_ivc_config) == 40, "ivc entry");
_Static_assert(sizeof(struct lvisor_pci_config) == 104, "pci bus entry");
_Static_assert(sizeof(struct lvisor_pci_dev) == 12, "pci device entry");
_Static_assert(sizeof(struct lvisor_pci_dev_legacy) == 8, "older pci device entry");
_Static_assert(LVISOR_ZC_OFFSET(cpus) == 8, "cpus");
_Static_assert(LVISOR_ZC_OFFSET(num_memory_regions) == 16, "num_memory_regions");
_Static_assert(LVISOR_ZC_OFFSET(memory_regions) == 24, "memory_regions");
_Static_assert(LVISOR_ZC_OFFSET(interrupts_bitmap) == 2072, "interrupts_bitmap");
_Static_assert(LVISOR_ZC_OFFSET(num_ivc_configs) == 2200, "num_ivc_configs");
_Static_assert(LVISOR_ZC_OFFSET(ivc_configs) == 2208, "ivc_configs");
_Static_assert(LVISOR_ZC_OFFSET(entry_point) == 2288, "entry_point");
_Static_assert(LVISOR_ZC_OFFSET(kernel_load_paddr) == 2296, "kernel_load_paddr");
_Static_assert(LVISOR_ZC_OFFSET(kernel_size) == 2304, "kernel_size");
_Static_assert(LVISOR_ZC_OFFSET(dtb_load_paddr) == 2312, "dtb_load_paddr");
_Static_assert(LVISOR_ZC_OFFSET(dtb_size) == 2320, "dtb_size");
_Static_assert(LVISOR_ZC_OFFSET(name) == 2328, "name");
_Static_assert(LVISOR_ZC_OFFSET(arch_config) == 2360, "arch_config");
_Static_assert(LVISOR_ZC_OFFSET(num_pci_bus) == 2368, "num_pci_bus");
_Static_assert(LVISOR_ZC_OFFSET(pci_config) == 2376, "pci_config");
_Static_assert(LVISOR_ZC_OFFSET(num_pci_devs) == 2792, "num_pci_devs");
_Static_assert(LVISOR_ZC_OFFSET(alloc_pci_devs) == 2800, "alloc_pci_devs");
_Static_assert(sizeof(struct lvisor_zone_config) == LVISOR_ZONE_CONFIG_SIZE, "tool HEAD layout");
/* The older layout: the same up to alloc_pci_devs, then 8-byte entries. */
_Static_assert(LVISOR_ZC_OFFSET(alloc_pci_devs) +
                       LVISOR_MAX_PCI_DEVS * sizeof(struct lvisor_pci_dev_legacy) ==
                   LVISOR_ZONE_CONFIG_SIZE_LEGACY,
               "older layout");

#endif
