/*
 * Entries of the bare-metal zone, one per behaviour, at fixed offsets from
 * the load address so that a zone config picks one with its entry_point:
 *   +0x000  zone_main(0): isolation checks, then a heartbeat
 *   +0x040  zone_main(1): spins with interrupts off (a zone that never exits)
 *   +0x080  zone_main(2): idles with every interrupt off (never woken)
 *   +0x0c0  zone_main(3): talks to the virtio window at 0x30001000 (virtio-probe in the root)
 *   +0x100  zone_main(4): attacks the root's virtio daemon (virtio_hostile.c)
 *   +0x140  zone_main(5): times register reads, trapped and not (access_cost.c)
 */
    .section .text.start, "ax"
    .globl _start
_start:
    la.pcrel $sp, zone_stack_top
    li.w    $a0, 0
    b       zone_main

    .org    0x40
    la.pcrel $sp, zone_stack_top
    li.w    $a0, 1
    b       zone_main

    .org    0x80
    la.pcrel $sp, zone_stack_top
    li.w    $a0, 2
    b       zone_main

    .org    0xc0
    la.pcrel $sp, zone_stack_top
    li.w    $a0, 3
    b       zone_main

    .org    0x100
    la.pcrel $sp, zone_stack_top
    li.w    $a0, 4
    b       zone_main

    .org    0x140
    la.pcrel $sp, zone_stack_top
    li.w    $a0, 5
    b       zone_main

    .bss
    .balign 16
    .space  16384
zone_stack_top:
