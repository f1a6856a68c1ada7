/* Small vsnprintf: %d %i %u %x %lx %llx %p %s %c %%, width and zero padding. */
#include "lib/printf.h"
#include "lib/spinlock.h"

void (*console_putc)(char c);
static spinlock_t console_lock = SPINLOCK_INIT;

struct outbuf {
    char *buf;
    size_t size, len;
};

static void out(struct outbuf *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void out_num(struct outbuf *o, u64 v, unsigned base, bool neg, int width, char pad)
{
    char tmp[24];
    int n = 0;
    do {
        unsigned d = (unsigned)(v % base);
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    if (neg)
        tmp[n++] = '-';
    for (int w = n; w < width; w++)
        out(o, pad);
    while (n)
        out(o, tmp[--n]);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct outbuf o = {buf, size, 0};
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            out(&o, *fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, lng = 0;
        if (*fmt == '0')
            pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l')
            lng++, fmt++;
        switch (*fmt) {
        case 'd':
        case 'i': {
            s64 v = lng ? va_arg(ap, s64) : va_arg(ap, int);
            out_num(&o, v < 0 ? (u64)-v : (u64)v, 10, v < 0, width, pad);
            break;
        }
        case 'u':
            out_num(&o, lng ? va_arg(ap, u64) : va_arg(ap, unsigned), 10, false, width, pad);
            break;
        case 'x':
            out_num(&o, lng ? va_arg(ap, u64) : va_arg(ap, unsigned), 16, false, width, pad);
            break;
        case 'p':
            out(&o, '0');
            out(&o, 'x');
            out_num(&o, (u64)va_arg(ap, void *), 16, false, 16, '0');
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            int n = 0;
            for (; s[n]; n++)
                ;
            for (int w = n; w < width; w++)
                out(&o, ' ');
            while (*s)
                out(&o, *s++);
            break;
        }
        case 'c':
            out(&o, (char)va_arg(ap, int));
            break;
        case '%':
            out(&o, '%');
            break;
        default:
            out(&o, '%');
            if (*fmt)
                out(&o, *fmt);
            else
                fmt--;
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = 0;
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* Every message also goes into a ring the root zone reads (HVC_LVISOR_LOG). */
static char log_ring[LOG_RING_SIZE];
static u64 log_written; /* bytes ever written; the ring holds the last LOG_RING_SIZE */
static bool console_errors_only;

void log_console_errors_only(bool on) { console_errors_only = on; }

void log_printk(int level, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    spin_lock(&console_lock);
    for (char *p = buf; *p; p++)
        log_ring[log_written++ % LOG_RING_SIZE] = *p;
    if (console_putc && (level == LOG_ERR || !console_errors_only)) {
        for (char *p = buf; *p; p++) {
            if (*p == '\n')
                console_putc('\r');
            console_putc(*p);
        }
    }
    spin_unlock(&console_lock);
}

u64 log_read(char *out, u64 size)
{
    spin_lock(&console_lock);
    u64 held = log_written < LOG_RING_SIZE ? log_written : LOG_RING_SIZE;
    u64 n = held < size ? held : size;
    for (u64 i = 0; i < n; i++)
        out[i] = log_ring[(log_written - n + i) % LOG_RING_SIZE];
    spin_unlock(&console_lock);
    return n;
}
