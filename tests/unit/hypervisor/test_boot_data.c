/* EFI system table for Linux and the vmlinux loader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/efi_boot.h"
#include "core/elf_loader.h"

static u64 get64(const u8 *p) { u64 v; memcpy(&v, p, 8); return v; }

static void systab(void **state)
{
    (void)state;
    static u8 area[EFI_BOOT_AREA_SIZE];
    struct efi_boot_args a = { .cmdline = "console=ttyS0 earlycon", .fdt_gpa = 0x100000,
                               .initrd_gpa = 0xa8000000, .initrd_size = 0x123456 };
    struct efi_boot_addrs out;
    efi_boot_build(area, 0x10000, &a, &out);
    assert_int_equal(out.cmdline_gpa, 0x10000);
    assert_string_equal((char *)area, "console=ttyS0 earlycon");
    const u8 *st = area + (out.systab_gpa - 0x10000);
    assert_int_equal(get64(st), EFI_SYSTAB_SIGNATURE);
    assert_int_equal(get64(st + 88), 0);  /* no runtime services */
    assert_int_equal(get64(st + 104), 2); /* FDT + initrd */
    const u8 *t = area + (get64(st + 112) - 0x10000);
    static const u8 fdt_guid[16] = { 0xd5, 0x21, 0xb6, 0xb1, 0x9c, 0xf1, 0xa5, 0x41,
                                     0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69, 0xaa, 0xe0 };
    assert_memory_equal(t, fdt_guid, 16);
    assert_int_equal(get64(t + 16), 0x100000);
    const u8 *initrd = area + (get64(t + 24 + 16) - 0x10000);
    assert_int_equal(get64(initrd), 0xa8000000);
    assert_int_equal(get64(initrd + 8), 0x123456);
    const u8 *vendor = area + (get64(st + 24) - 0x10000);
    assert_int_equal(vendor[0], 'l');
    assert_int_equal(vendor[1], 0); /* UTF-16 */

    /* no initrd: one table; an overlong command line is cut and terminated */
    char longline[1000];
    memset(longline, 'x', sizeof(longline) - 1);
    longline[sizeof(longline) - 1] = 0;
    a.cmdline = longline;
    a.initrd_size = 0;
    efi_boot_build(area, 0x10000, &a, &out);
    assert_int_equal(get64(st + 104), 1);
    assert_int_equal(strlen((char *)area), EFI_CMDLINE_MAX - 1);
}

static u8 zone_ram[0x10000];

static void *map(void *ctx, u64 gpa, u64 size)
{
    (void)ctx;
    if (gpa < 0x200000 || gpa + size > 0x200000 + sizeof(zone_ram))
        return NULL;
    return zone_ram + (gpa - 0x200000);
}

struct image {
    u8 ident[16];
    u16 type, machine;
    u32 version;
    u64 entry, phoff, shoff;
    u32 flags;
    u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
    struct { u32 type, flags; u64 offset, vaddr, paddr, filesz, memsz, align; } ph;
    u8 payload[16];
};

static struct image make_image(void)
{
    struct image im;
    memset(&im, 0, sizeof(im));
    memcpy(im.ident, "\177ELF\2\1\1", 7);
    im.machine = 258;
    im.entry = 0x9000000000200010UL;
    im.phoff = offsetof(struct image, ph);
    im.phentsize = sizeof(im.ph);
    im.phnum = 1;
    im.ph.type = 1;
    im.ph.offset = offsetof(struct image, payload);
    im.ph.paddr = 0x9000000000200000UL;
    im.ph.filesz = 16;
    im.ph.memsz = 64;
    memset(im.payload, 0x5a, 16);
    return im;
}

static void elf(void **state)
{
    (void)state;
    struct image im = make_image();
    struct elf_info info;
    memset(zone_ram, 0xff, sizeof(zone_ram));
    assert_int_equal(elf_load(&im, sizeof(im), map, NULL, &info), ELF_OK);
    assert_int_equal(info.entry, 0x200010);
    assert_int_equal(info.low, 0x200000);
    assert_int_equal(info.high, 0x200040);
    assert_int_equal(zone_ram[15], 0x5a);
    assert_int_equal(zone_ram[16], 0); /* bss zeroed */
    assert_int_equal(zone_ram[64], 0xff);

    im.machine = 62;
    assert_int_equal(elf_load(&im, sizeof(im), map, NULL, &info), ELF_BAD_HEADER);
    im = make_image();
    im.ph.filesz = 1000;
    assert_int_equal(elf_load(&im, sizeof(im), map, NULL, &info), ELF_TRUNCATED);
    im = make_image();
    im.ph.paddr = 0x100000;
    assert_int_equal(elf_load(&im, sizeof(im), map, NULL, &info), ELF_OUTSIDE_ZONE);
    im = make_image();
    im.phnum = 60000;
    assert_int_equal(elf_load(&im, sizeof(im), map, NULL, &info), ELF_TRUNCATED);
    im = make_image();
    im.ph.type = 2;
    assert_int_equal(elf_load(&im, sizeof(im), map, NULL, &info), ELF_NO_SEGMENTS);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(systab), cmocka_unit_test(elf) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
