/*
 * For bare-metal programs that lvisor boots as a zone's kernel on QEMU virt
 * (tests/hypervisor/guest, bench/hypercall, bench/timer-latency): types, CSR
 * and counter access, the console UART, the poweroff register and lvisor's
 * hypercall (numbers from include/lvisor/hypercall.h). Header-only: each
 * program links its own start-up and layout.
 */
#ifndef ZONE_GUEST_H
#define ZONE_GUEST_H

#include <lvisor/hypercall.h>

typedef unsigned long u64;
typedef unsigned int u32;
typedef long s64;

#define S_(x) #x
#define S(x) S_(x)
#define csrrd(n) ({ u64 v_; __asm__ volatile("csrrd %0, " S(n) : "=r"(v_)::"memory"); v_; })
#define csrwr(n, v) ({ u64 v_ = (v); __asm__ volatile("csrwr %0, " S(n) : "+r"(v_)::"memory"); v_; })

/* The constant (stable) counter: 100 MHz on QEMU's la464. */
static inline u64 rdtime(void)
{
    u64 v;
    __asm__ volatile("rdtime.d %0, $zero" : "=r"(v));
    return v;
}

#define UART ((volatile unsigned char *)0x1fe001e0UL)
#define GED_SLEEP ((volatile unsigned char *)0x100e001cUL) /* write 0x34: power off */

static inline void putc_(char c)
{
    while (!(UART[5] & 0x20)) /* LSR.THRE */
        ;
    UART[0] = (unsigned char)c;
}

static inline void puts_(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            putc_('\r');
        putc_(*s);
    }
}

static inline void putdec(u64 v)
{
    char b[24];
    int i = 0;
    do
        b[i++] = (char)('0' + v % 10);
    while (v /= 10);
    while (i)
        putc_(b[--i]);
}

static inline void puthex(u64 v)
{
    puts_("0x");
    for (int i = 60; i >= 0; i -= 4)
        putc_("0123456789abcdef"[(v >> i) & 0xf]);
}

/* hvcl 0 with a0 = code, a1/a2 = arguments; lvisor's result comes back in a0. */
static inline s64 hvc(u64 code, u64 a1, u64 a2)
{
    register u64 a0 __asm__("$a0") = code;
    register u64 r1 __asm__("$a1") = a1;
    register u64 r2 __asm__("$a2") = a2;
    __asm__ volatile(".word 0x002b8000" : "+r"(a0) : "r"(r1), "r"(r2) : "memory");
    return (s64)a0;
}

#endif
