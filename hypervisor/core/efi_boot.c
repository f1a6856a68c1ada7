/* EFI system table fabrication (see efi_boot.h; layout from include/linux/efi.h). */
#include "core/efi_boot.h"
#include "lib/string.h"

struct efi_config_table {
    u8 guid[16];
    u64 table;
};

/* b1b621d5-f19c-41a5-830b-d9152c69aae0 */
static const u8 device_tree_guid[16] = {0xd5, 0x21, 0xb6, 0xb1, 0x9c, 0xf1, 0xa5, 0x41,
                                        0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69, 0xaa, 0xe0};
/* 5568e427-68fc-4f3d-ac74-ca555231cc68 */
static const u8 initrd_media_guid[16] = {0x27, 0xe4, 0x68, 0x55, 0xfc, 0x68, 0x3d, 0x4f,
                                         0xac, 0x74, 0xca, 0x55, 0x52, 0x31, 0xcc, 0x68};

static void put64(u8 *p, u64 v) { memcpy(p, &v, 8); }
static void put32(u8 *p, u32 v) { memcpy(p, &v, 4); }

void efi_boot_build(void *area, u64 area_gpa, const struct efi_boot_args *args,
                    struct efi_boot_addrs *out)
{
    u8 *a = area;
    memset(a, 0, EFI_BOOT_AREA_SIZE);

    size_t n = strnlen(args->cmdline, EFI_CMDLINE_MAX - 1);
    memcpy(a + EFI_OFF_CMDLINE, args->cmdline, n);

    /* fw_vendor is read as UTF-16 */
    const char *vendor = "lvisor";
    for (int i = 0; vendor[i]; i++)
        a[EFI_OFF_VENDOR + 2 * i] = (u8)vendor[i];

    u32 nr_tables = 0;
    struct efi_config_table t[2];
    memcpy(t[nr_tables].guid, device_tree_guid, 16);
    t[nr_tables++].table = args->fdt_gpa;
    if (args->initrd_size) {
        put64(a + EFI_OFF_INITRD, args->initrd_gpa);
        put64(a + EFI_OFF_INITRD + 8, args->initrd_size);
        memcpy(t[nr_tables].guid, initrd_media_guid, 16);
        t[nr_tables++].table = area_gpa + EFI_OFF_INITRD;
    }
    memcpy(a + EFI_OFF_TABLES, t, nr_tables * sizeof(t[0]));

    u8 *st = a + EFI_OFF_SYSTAB;
    put64(st + 0, EFI_SYSTAB_SIGNATURE);
    put32(st + 8, (2u << 16) | 100); /* revision 2.10 (minor is in hundredths) */
    put32(st + 12, 120);             /* header size */
    put64(st + 24, area_gpa + EFI_OFF_VENDOR);
    put32(st + 32, 1); /* fw_revision */
    put64(st + 104, nr_tables);
    put64(st + 112, area_gpa + EFI_OFF_TABLES);
    /* runtime services (88) and boot services (96) stay 0: none exist */

    out->cmdline_gpa = area_gpa + EFI_OFF_CMDLINE;
    out->systab_gpa = area_gpa + EFI_OFF_SYSTAB;
}
