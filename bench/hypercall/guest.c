/*
 * Hypercall bench guest. Under -icount shift=0 one instruction is 1 ns of
 * virtual time and the constant timer (rdtime.d) ticks at 100 MHz, so one
 * tick is 10 instructions. The nop loop checks that relation (4 instructions
 * per iteration); the hypercall loops, minus the nop loop, give what one
 * round trip costs: hvcl's exit, lvisor's handler and the return.
 */
#include "zone_guest.h"

#define N 100000UL
#define INSNS_PER_TICK 10 /* 1 ns per instruction, 10 ns per tick */

u64 loop_nop(u64 n);
u64 loop_hvc(u64 n, u64 code, u64 arg);

static u64 config_word;

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

void main(void)
{
    puts_("hypercall: bench guest up\n");
    loop_nop(1000); /* warm: translate the loops once */
    loop_hvc(1000, 0x7fff, 0);
    loop_hvc(1000, 6, (u64)&config_word);

    report("nop", loop_nop(N));
    report("unknown", loop_hvc(N, 0x7fff, 0));
    report("config_check", loop_hvc(N, 6, (u64)&config_word));
    s64 hvcs = hvc(HVC_LVISOR_EXIT_COUNT, 0, 23); /* lvisor's count of HVC exits on CPU 0 */
    puts_("hypercall: hvc_exits ");
    putdec((u64)hvcs);
    puts_(config_word == 6 ? " config_word ok\n" : " config_word FAIL\n");
    puts_("hypercall: done\n");
    poweroff();
}
