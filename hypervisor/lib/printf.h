/* Console output: printk goes to the platform's early UART under one lock. */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H

#include <stdarg.h>
#include "lib/types.h"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Set by the platform before the first printk. */
extern void (*console_putc)(char c);

#define pr_info(fmt, ...) printk("[lvisor] " fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk("[lvisor] warning: " fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)  printk("[lvisor] error: " fmt, ##__VA_ARGS__)

#endif
