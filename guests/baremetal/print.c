/* Formatted console output on top of the board's putc_. */
#include <baremetal/console.h>

void puts_(const char *s)
{
    while (*s)
        putc_(*s++);
}

void putdec(u64 v)
{
    char b[20];
    int i = 0;
    do
        b[i++] = (char)('0' + v % 10);
    while (v /= 10);
    while (i)
        putc_(b[--i]);
}

void puthex(u64 v)
{
    puts_("0x");
    for (int i = 60; i >= 0; i -= 4)
        putc_("0123456789abcdef"[(v >> i) & 0xf]);
}

void putmilli(u64 v)
{
    putdec(v / 1000);
    putc_('.');
    putc_((char)('0' + v / 100 % 10));
    putc_((char)('0' + v / 10 % 10));
    putc_((char)('0' + v % 10));
}
