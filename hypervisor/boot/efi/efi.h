/*
 * The few UEFI 2.10 interfaces lvisor.efi calls, written from the
 * specification: system table, boot services, console output, loaded image,
 * simple file system and file protocols. Function pointers lvisor.efi never
 * calls are `void *` placeholders that keep the layout.
 */
#ifndef BOOT_EFI_EFI_H
#define BOOT_EFI_EFI_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t efi_status;
typedef void *efi_handle;
typedef uint16_t char16;

#define EFI_SUCCESS          0UL
#define EFI_ERR(n)           ((1UL << 63) | (n))
#define EFI_LOAD_ERROR       EFI_ERR(1)
#define EFI_INVALID_PARAM    EFI_ERR(2)
#define EFI_UNSUPPORTED      EFI_ERR(3)
#define EFI_BUFFER_TOO_SMALL EFI_ERR(5)
#define EFI_OUT_OF_RESOURCES EFI_ERR(9)
#define EFI_NOT_FOUND        EFI_ERR(14)

typedef struct {
    uint32_t a;
    uint16_t b, c;
    uint8_t d[8];
} efi_guid;

struct efi_table_header {
    uint64_t signature;
    uint32_t revision, header_size, crc32, reserved;
};

struct efi_simple_text_output {
    void *reset;
    efi_status (*output_string)(struct efi_simple_text_output *self, const char16 *s);
};

enum efi_allocate_type { EFI_ALLOCATE_ANY, EFI_ALLOCATE_MAX_ADDRESS, EFI_ALLOCATE_ADDRESS };

struct efi_memory_descriptor;

struct efi_boot_services {
    struct efi_table_header hdr;
    void *raise_tpl, *restore_tpl;
    efi_status (*allocate_pages)(int type, uint32_t mem_type, uint64_t pages, uint64_t *addr);
    efi_status (*free_pages)(uint64_t addr, uint64_t pages);
    efi_status (*get_memory_map)(uint64_t *size, struct efi_memory_descriptor *map, uint64_t *key,
                                 uint64_t *desc_size, uint32_t *desc_version);
    efi_status (*allocate_pool)(uint32_t mem_type, uint64_t size, void **buf);
    efi_status (*free_pool)(void *buf);
    void *create_event, *set_timer, *wait_for_event, *signal_event, *close_event, *check_event;
    void *install_protocol, *reinstall_protocol, *uninstall_protocol;
    efi_status (*handle_protocol)(efi_handle h, const efi_guid *proto, void **iface);
    void *reserved, *register_protocol_notify, *locate_handle, *locate_device_path;
    void *install_configuration_table, *load_image, *start_image, *exit, *unload_image;
    efi_status (*exit_boot_services)(efi_handle image, uint64_t map_key);
};

struct efi_configuration_table {
    efi_guid guid;
    void *table;
};

struct efi_system_table {
    struct efi_table_header hdr;
    const char16 *firmware_vendor;
    uint32_t firmware_revision;
    efi_handle con_in_handle;
    void *con_in;
    efi_handle con_out_handle;
    struct efi_simple_text_output *con_out;
    efi_handle std_err_handle;
    struct efi_simple_text_output *std_err;
    void *runtime_services;
    struct efi_boot_services *boot_services;
    uint64_t nr_tables;
    struct efi_configuration_table *tables;
};

struct efi_loaded_image {
    uint32_t revision;
    efi_handle parent;
    struct efi_system_table *system_table;
    efi_handle device;
    void *file_path;
    void *reserved;
    uint32_t load_options_size;
    void *load_options;
    void *image_base;
    uint64_t image_size;
};

#define EFI_FILE_MODE_READ 1UL

struct efi_file {
    uint64_t revision;
    efi_status (*open)(struct efi_file *self, struct efi_file **out, const char16 *name,
                       uint64_t mode, uint64_t attr);
    efi_status (*close)(struct efi_file *self);
    void *delete_file;
    efi_status (*read)(struct efi_file *self, uint64_t *size, void *buf);
    void *write;
    efi_status (*get_position)(struct efi_file *self, uint64_t *pos);
    efi_status (*set_position)(struct efi_file *self, uint64_t pos);
};

struct efi_simple_file_system {
    uint64_t revision;
    efi_status (*open_volume)(struct efi_simple_file_system *self, struct efi_file **root);
};

#define EFI_LOADED_IMAGE_GUID                                                                      \
    {0x5b1b31a1, 0x9562, 0x11d2, {0x8e, 0x3f, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b}}
#define EFI_SIMPLE_FILE_SYSTEM_GUID                                                                \
    {0x964e5b22, 0x6459, 0x11d2, {0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b}}
#define EFI_DEVICE_TREE_GUID                                                                       \
    {0xb1b621d5, 0xf19c, 0x41a5, {0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69, 0xaa, 0xe0}}
#define EFI_ACPI_20_TABLE_GUID                                                                     \
    {0x8868e871, 0xe4f1, 0x11d3, {0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81}}

#endif
