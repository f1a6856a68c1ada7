/* The daemon's log lines: "[seconds since start] message". */
#include "log.h"
#include <stdarg.h>
#include <time.h>

static FILE *out;

void log_to(FILE *f)
{
    out = f;
    setvbuf(f, NULL, _IOLBF, 0);
}

static void vlog(const char *fmt, va_list ap)
{
    FILE *f = out ? out : stderr;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    fprintf(f, "[%5lld.%03ld] ", (long long)ts.tv_sec, ts.tv_nsec / 1000000);
    vfprintf(f, fmt, ap);
    fputc('\n', f);
}

void logf_(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(fmt, ap);
    va_end(ap);
}

void log_once(bool *once, const char *fmt, ...)
{
    if (*once)
        return;
    *once = true;
    va_list ap;
    va_start(ap, fmt);
    vlog(fmt, ap);
    va_end(ap);
}
