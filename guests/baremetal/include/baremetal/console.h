/*
 * Console output. The board file a program links (virt.c for QEMU's virt
 * board) provides putc_; the rest is print.c. The trailing underscore keeps
 * these apart from the C library's puts and putc, which the compiler knows.
 */
#ifndef BAREMETAL_CONSOLE_H
#define BAREMETAL_CONSOLE_H

#include <baremetal/types.h>

void putc_(char c);
void puts_(const char *s);
void putdec(u64 v);
/* "0x" and 16 hex digits */
void puthex(u64 v);
/* v / 1000 with three decimals: 953 -> "0.953" */
void putmilli(u64 v);

#endif
