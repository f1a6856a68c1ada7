/* The bare-metal zone's console: QEMU virt's UART3, the one its config gives it. */
#include <baremetal/console.h>
#include <baremetal/types.h>

#define UART3    ((volatile unsigned char *)0x800000001fe004e0UL)
#define UART_LSR 5
#define LSR_THRE 0x20

static void uart_put(char c)
{
    while (!(UART3[UART_LSR] & LSR_THRE))
        ;
    UART3[0] = (unsigned char)c;
}

void putc_(char c)
{
    if (c == '\n')
        uart_put('\r');
    uart_put(c);
}
