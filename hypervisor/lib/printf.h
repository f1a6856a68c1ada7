/* Console output: printk goes to the platform's early UART under one lock, and to a ring. */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H

#include <stdarg.h>
#include "lib/types.h"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
enum { LOG_INFO, LOG_WARN, LOG_ERR };
#define LOG_RING_SIZE 65536

void log_printk(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define printk(fmt, ...) log_printk(LOG_INFO, fmt, ##__VA_ARGS__)
/* On: only errors reach the console; everything still goes to the ring. */
void log_console_errors_only(bool on);
/* Copies the last (at most) size bytes of the ring to out; returns how many. */
u64 log_read(char *out, u64 size);

/* Set by the platform before the first printk. */
extern void (*console_putc)(char c);

#define pr_info(fmt, ...) log_printk(LOG_INFO, "[lvisor] " fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) log_printk(LOG_WARN, "[lvisor] warning: " fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)  log_printk(LOG_ERR, "[lvisor] error: " fmt, ##__VA_ARGS__)

#endif
