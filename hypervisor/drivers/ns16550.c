/* Polled transmit only: lvisor never reads the console (the root zone owns input). */
#include "drivers/ns16550.h"

#define UART_THR 0
#define UART_IER 1
#define UART_LSR 5
#define LSR_THRE 0x20

static volatile u8 *uart;

void ns16550_init(u64 base_va) { uart = (volatile u8 *)base_va; }

void ns16550_putc(char c)
{
    if (!uart)
        return;
    for (int spins = 0; !(uart[UART_LSR] & LSR_THRE) && spins < 1000000; spins++)
        ;
    uart[UART_THR] = (u8)c;
}
