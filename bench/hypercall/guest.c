/*
 * Hypercall bench guest. Under -icount shift=0 one instruction is 1 ns of
 * virtual time and the constant timer (rdtime.d) ticks at 100 MHz, so one
 * tick is 10 instructions. The nop loop checks that relation (4 instructions
 * per iteration); the hypercall loops, minus the nop loop, give what one
 * round trip costs: hvcl's exit, lvisor's handler and the return.
 */
typedef unsigned long u64;
typedef long s64;

#define UART ((volatile unsigned char *)0x1fe001e0UL)
#define GED_SLEEP ((volatile unsigned char *)0x100e001cUL)
#define N 100000UL
#define INSNS_PER_TICK 10 /* 1 ns per instruction, 10 ns per tick */

u64 loop_nop(u64 n);
u64 loop_hvc(u64 n, u64 code, u64 arg);

static u64 config_word;

static void putc_(char c)
{
    while (!(UART[5] & 0x20))
        ;
    UART[0] = (unsigned char)c;
}

static void puts_(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            putc_('\r');
        putc_(*s);
    }
}

static void putdec(u64 v)
{
    char b[24];
    int i = 0;
    do
        b[i++] = (char)('0' + v % 10);
    while (v /= 10);
    while (i)
        putc_(b[--i]);
}

static s64 hvc(u64 code, u64 a1, u64 a2)
{
    register u64 a0 __asm__("$a0") = code;
    register u64 r1 __asm__("$a1") = a1;
    register u64 r2 __asm__("$a2") = a2;
    __asm__ volatile(".word 0x002b8000" : "+r"(a0) : "r"(r1), "r"(r2) : "memory");
    return (s64)a0;
}

/* "hypercall: <name> <ticks> ticks <insns> instructions per iteration (x100)" */
static void report(const char *name, u64 ticks)
{
    puts_("hypercall: ");
    puts_(name);
    puts_(" ticks ");
    putdec(ticks);
    puts_(" insns_x100_per_iter ");
    putdec(ticks * INSNS_PER_TICK * 100 / N);
    puts_("\n");
}

void guest_main(void)
{
    puts_("hypercall: bench guest up\n");
    loop_nop(1000); /* warm: translate the loops once */
    loop_hvc(1000, 0x7fff, 0);
    loop_hvc(1000, 6, (u64)&config_word);

    report("nop", loop_nop(N));
    report("unknown", loop_hvc(N, 0x7fff, 0));
    report("config_check", loop_hvc(N, 6, (u64)&config_word));
    s64 hvcs = hvc(0x4c56, 0, 23); /* lvisor's count of HVC exits on CPU 0 */
    puts_("hypercall: hvc_exits ");
    putdec((u64)hvcs);
    puts_(config_word == 6 ? " config_word ok\n" : " config_word FAIL\n");
    puts_("hypercall: done\n");
    *GED_SLEEP = 0x34; /* SLP_EN | S5: power off */
    for (;;)
        __asm__ volatile("idle 0");
}
