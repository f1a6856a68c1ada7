/* The virt board's console (UART0) and power-off. */
#include <baremetal/console.h>
#include <baremetal/virt.h>

static void uart_put(char c)
{
    while (!(UART0[UART_LSR] & UART_LSR_THRE))
        ;
    UART0[0] = (unsigned char)c;
}

/* "\n" goes out as "\r\n", as a serial terminal expects. */
void putc_(char c)
{
    if (c == '\n')
        uart_put('\r');
    uart_put(c);
}

void poweroff(void)
{
    *GED_SLEEP = GED_S5_POWEROFF;
    for (;;)
        __asm__ volatile("idle 0");
}
