/*
 * lvisor.efi's DOS and PE/COFF headers (PE32+, LoongArch64, EFI application),
 * written by hand: the image is linked at 0 and copied out raw, so every RVA
 * is the file offset. Sizes and addresses come from efi.ld. No base
 * relocations: the code is position-independent and the build refuses an
 * image that would need any (Makefile).
 */
#define IMAGE_FILE_MACHINE_LOONGARCH64 0x6264
#define IMAGE_FILE_EXECUTABLE_IMAGE    0x0002
#define IMAGE_FILE_LINE_NUMS_STRIPPED  0x0004
#define IMAGE_FILE_DEBUG_STRIPPED      0x0200
#define IMAGE_SUBSYSTEM_EFI_APPLICATION 10
#define SCN_CODE      0x00000020
#define SCN_IDATA     0x00000040
#define SCN_MEM_EXEC  0x20000000
#define SCN_MEM_READ  0x40000000
#define SCN_MEM_WRITE 0x80000000

    .section .head, "a"
    .globl __pe_head
__pe_head:
    .ascii  "MZ"                    /* DOS header: only e_magic and e_lfanew matter */
    .fill   0x3a, 1, 0
    .long   pe_signature - __pe_head

pe_signature:
    .ascii  "PE\0\0"
    /* COFF file header */
    .short  IMAGE_FILE_MACHINE_LOONGARCH64
    .short  2                       /* NumberOfSections */
    .long   0                       /* TimeDateStamp */
    .long   0                       /* PointerToSymbolTable */
    .long   0                       /* NumberOfSymbols */
    .short  section_table - optional_header
    .short  IMAGE_FILE_EXECUTABLE_IMAGE | IMAGE_FILE_LINE_NUMS_STRIPPED | IMAGE_FILE_DEBUG_STRIPPED

optional_header:
    .short  0x20b                   /* PE32+ */
    .byte   0, 0                    /* linker version */
    .long   PE_TEXT_SIZE            /* SizeOfCode */
    .long   PE_DATA_SIZE            /* SizeOfInitializedData */
    .long   0                       /* SizeOfUninitializedData: .bss is in .data */
    .long   PE_ENTRY                /* AddressOfEntryPoint: efi_main */
    .long   PE_TEXT_RVA             /* BaseOfCode */
    .quad   0                       /* ImageBase */
    .long   PE_ALIGN                /* SectionAlignment */
    .long   PE_ALIGN                /* FileAlignment */
    .short  0, 0, 0, 0, 0, 0        /* OS, image and subsystem versions */
    .long   0                       /* Win32VersionValue */
    .long   PE_IMAGE_SIZE           /* SizeOfImage */
    .long   PE_TEXT_RVA             /* SizeOfHeaders */
    .long   0                       /* CheckSum */
    .short  IMAGE_SUBSYSTEM_EFI_APPLICATION
    .short  0                       /* DllCharacteristics */
    .quad   0, 0, 0, 0              /* stack and heap reserve/commit */
    .long   0                       /* LoaderFlags */
    .long   16                      /* NumberOfRvaAndSizes */
    .fill   16, 8, 0                /* data directories: none (no relocations, no debug) */

section_table:
    .ascii  ".text\0\0\0"
    .long   PE_TEXT_SIZE            /* VirtualSize */
    .long   PE_TEXT_RVA             /* VirtualAddress */
    .long   PE_TEXT_SIZE            /* SizeOfRawData */
    .long   PE_TEXT_RVA             /* PointerToRawData */
    .long   0, 0                    /* relocations, line numbers */
    .short  0, 0
    .long   SCN_CODE | SCN_MEM_EXEC | SCN_MEM_READ

    .ascii  ".data\0\0\0"
    .long   PE_DATA_SIZE
    .long   PE_DATA_RVA
    .long   PE_DATA_SIZE
    .long   PE_DATA_RVA
    .long   0, 0
    .short  0, 0
    .long   SCN_IDATA | SCN_MEM_READ | SCN_MEM_WRITE
