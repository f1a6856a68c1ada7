/* QEMU's LoongArch virt board (hw/loongarch/virt.c, include/hw/loongarch/virt.h). */
#ifndef BAREMETAL_VIRT_H
#define BAREMETAL_VIRT_H

#define UART0 ((volatile unsigned char *)0x1fe001e0UL) /* ns16550 */
#define UART_IER 1
#define UART_LSR 5
#define UART_LSR_THRE 0x20
/* GED sleep control: SLP_TYP S5 (5 << 2) | SLP_EN (0x20) powers the board off
 * (hw/acpi/generic_event_device.c ged_regs_write). */
#define GED_SLEEP ((volatile unsigned char *)0x100e001cUL)
#define GED_S5_POWEROFF 0x34

void poweroff(void) __attribute__((noreturn));

#endif
