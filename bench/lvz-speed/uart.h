#ifndef BENCH_UART_H
#define BENCH_UART_H

#include <stdint.h>

void puts(const char *s);
void put_dec(uint64_t v);
void put_hex(uint64_t v);
/* v / 1000 with three decimals, e.g. 953 -> "0.953" */
void put_milli(uint64_t v);
void poweroff(void) __attribute__((noreturn));

#endif
