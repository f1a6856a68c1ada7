/* A tiny bare-metal KVM guest. Each step exercises one LVZ path through
 * Linux's KVM: CPUCFG (GSPR exit), MMIO load/store (stage-2 fault ->
 * KVM_EXIT_MMIO), hvcl (HVC exit), stage-2 fills of many pages, and the guest
 * timer, taken once while spinning and once after idle (GSPR + halt). */
#include <baremetal/console.h>
#include <baremetal/csr.h>
#include <baremetal/insn.h>
#include <baremetal/trap.h>

#include "io.h"
#include "trap.h"
#include "../abi.h"

#define MEM_START 0x200000UL
#define MEM_END GUEST_RAM_SIZE
#define HVCL_KVM_SERVICE 0x100

static u64 timer_ticks; /* 2 ms of the constant timer */

static void irq_on(void) { csrxchg(CSR_CRMD, CRMD_IE, CRMD_IE); }
static void irq_off(void) { csrxchg(CSR_CRMD, 0, CRMD_IE); }

static int check_cpucfg(void)
{
    u32 c2 = cpucfg(2), hz = cpucfg(4), ratio = cpucfg(5);
    u32 mul = ratio & 0xffff, div = ratio >> 16;

    if (!(c2 & CPUCFG2_LLFTP) || !hz || !mul || !div)
        return -1;
    timer_ticks = (u64)hz * mul / div / 500;
    return 0;
}

static int check_mmio_read(void) { return mmio_read32(MMIO_MAGIC) == MAGIC_VALUE ? 0 : -1; }

/* KVM answers an unknown service function with KVM_HCALL_INVALID_CODE (-1). */
static int check_hypercall(void)
{
    register unsigned long a0 __asm__("$a0") = 0x7777;
    __asm__ volatile("hvcl %1" : "+r"(a0) : "i"(HVCL_KVM_SERVICE) : "memory");
    return a0 == ~0UL ? 0 : -1;
}

/* Writes then verifies every 8th word of 6 MiB: each 16 KiB host page is a
 * fresh stage-2 fault, then a root TLB refill whenever its entry is evicted. */
static int check_memory(void)
{
    for (int pass = 0; pass < 2; pass++) {
        for (u64 a = MEM_START; a < MEM_END; a += 64)
            *(volatile u64 *)a = a * 0x9e3779b97f4a7c15UL + (u64)pass;
        for (u64 a = MEM_START; a < MEM_END; a += 64)
            if (*(volatile u64 *)a != a * 0x9e3779b97f4a7c15UL + (u64)pass)
                return -1;
    }
    return 0;
}

/* Starts a one-shot of timer_ticks; returns the interrupt count before it. */
static unsigned int timer_arm(void)
{
    unsigned int before = timer_irqs;

    csrwr(CSR_TCFG, timer_ticks << 2 | TCFG_EN);
    return before;
}

/* One-shot timer, waited for with interrupts on; bounded by 5 s of counter. */
static int check_timer_spin(void)
{
    u64 deadline = rdtime() + timer_ticks * 2500;

    csrwr(CSR_ECFG, 1UL << INT_TI);
    unsigned int before = timer_arm();
    irq_on();
    while (timer_irqs == before)
        if (rdtime() > deadline)
            return -1;
    irq_off();
    return timer_irqs == before + 1 ? 0 : -1;
}

/* idle with interrupts off cannot miss the wake-up; the interrupt is then
 * taken in the short IE window. The VMM's watchdog bounds a lost wake-up. */
static int check_timer_idle(void)
{
    unsigned int before = timer_arm();

    while (timer_irqs == before) {
        idle();
        irq_on();
        irq_off();
    }
    return timer_irqs == before + 1 ? 0 : -1;
}

/* In order; a step with a name prints "guest: <name> ok" when it passes
 * (the timer steps print from the interrupt handler instead). */
static const struct {
    int (*run)(void);
    const char *name;
    int status;
} steps[] = {
    { check_cpucfg, "cpucfg", STATUS_CPUCFG },
    { check_mmio_read, "mmio read", STATUS_MMIO_READ },
    { check_hypercall, "hypercall", STATUS_HYPERCALL },
    { check_memory, "memory", STATUS_MEMORY },
    { check_timer_spin, 0, STATUS_TIMER_SPIN },
    { check_timer_idle, 0, STATUS_TIMER_IDLE },
};

void main(void)
{
    csrwr(CSR_EENTRY, (u64)trap_general);
    puts_("guest: hello\n");
    for (unsigned int i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        if (steps[i].run())
            vmm_exit((u64)steps[i].status);
        if (steps[i].name) {
            puts_("guest: ");
            puts_(steps[i].name);
            puts_(" ok\n");
        }
    }
    puts_("guest: done\n");
    vmm_exit(STATUS_OK);
}
