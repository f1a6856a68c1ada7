/* The root zone's device tree, compiled from root-zone.dts by the Makefile. */
    .section .rodata.blobs, "a"
    .balign 8
    .globl root_zone_dtb, root_zone_dtb_end
root_zone_dtb:
    .incbin ROOT_ZONE_DTB
root_zone_dtb_end:
