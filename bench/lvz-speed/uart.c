/* Console on the virt board's first ns16550 and power-off through its GED. */
#include "uart.h"

#define UART 0x1fe001e0UL
#define UART_LSR 5
#define LSR_THRE 0x20
/* GED sleep control: SLP_TYP S5 (5 << 2) | SLP_EN (0x20) powers the board off. */
#define GED_SLEEP_CTL 0x100e001cUL
#define GED_S5_POWEROFF 0x34

static void putc(char c)
{
    volatile uint8_t *u = (volatile uint8_t *)UART;
    while (!(u[UART_LSR] & LSR_THRE))
        ;
    u[0] = (uint8_t)c;
}

void puts(const char *s)
{
    while (*s) {
        if (*s == '\n')
            putc('\r');
        putc(*s++);
    }
}

void put_dec(uint64_t v)
{
    char buf[21];
    int i = 20;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    puts(buf + i);
}

void put_hex(uint64_t v)
{
    char buf[17];
    for (int i = 0; i < 16; i++)
        buf[i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
    buf[16] = 0;
    puts("0x");
    puts(buf);
}

void put_milli(uint64_t v)
{
    put_dec(v / 1000);
    puts(".");
    char frac[4] = {(char)('0' + v / 100 % 10), (char)('0' + v / 10 % 10), (char)('0' + v % 10), 0};
    puts(frac);
}

void poweroff(void)
{
    *(volatile uint8_t *)GED_SLEEP_CTL = GED_S5_POWEROFF;
    for (;;)
        ;
}
