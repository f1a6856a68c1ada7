/* A tiny bare-metal KVM guest. Each step exercises one LVZ path through
 * Linux's KVM: CPUCFG (GSPR exit), MMIO load/store (stage-2 fault ->
 * KVM_EXIT_MMIO), hvcl (HVC exit), stage-2 fills of many pages, and the guest
 * timer, taken once while spinning and once after idle (GSPR + halt). */
#include "cpu.h"
#include "io.h"
#include "trap.h"
#include "../abi.h"

#define MEM_START 0x200000UL
#define MEM_END GUEST_RAM_SIZE
#define HVCL_KVM_SERVICE 0x100

static uint64_t timer_ticks; /* 2 ms of the constant timer */

static int check_cpucfg(void)
{
    uint32_t c2 = cpucfg(2), hz = cpucfg(4), ratio = cpucfg(5);
    uint32_t mul = ratio & 0xffff, div = ratio >> 16;

    if (!(c2 & CPUCFG2_LLFTP) || !hz || !mul || !div)
        return -1;
    timer_ticks = (uint64_t)hz * mul / div / 500;
    puts("guest: cpucfg ok\n");
    return 0;
}

static int check_mmio_read(void)
{
    if (mmio_read32(MMIO_MAGIC) != MAGIC_VALUE)
        return -1;
    puts("guest: mmio read ok\n");
    return 0;
}

/* KVM answers an unknown service function with KVM_HCALL_INVALID_CODE (-1). */
static int check_hypercall(void)
{
    register unsigned long a0 __asm__("$a0") = 0x7777;
    __asm__ volatile("hvcl %1" : "+r"(a0) : "i"(HVCL_KVM_SERVICE) : "memory");
    if (a0 != ~0UL)
        return -1;
    puts("guest: hypercall ok\n");
    return 0;
}

/* Writes then verifies every 8th word of 6 MiB: each 16 KiB host page is a
 * fresh stage-2 fault, then a root TLB refill whenever its entry is evicted. */
static int check_memory(void)
{
    for (int pass = 0; pass < 2; pass++) {
        for (uint64_t a = MEM_START; a < MEM_END; a += 64)
            *(volatile uint64_t *)a = a * 0x9e3779b97f4a7c15UL + (uint64_t)pass;
        for (uint64_t a = MEM_START; a < MEM_END; a += 64)
            if (*(volatile uint64_t *)a != a * 0x9e3779b97f4a7c15UL + (uint64_t)pass)
                return -1;
    }
    puts("guest: memory ok\n");
    return 0;
}

static void timer_arm(void)
{
    csr_write((timer_ticks << TCFG_INITVAL_SHIFT) | TCFG_EN, CSR_TCFG);
}

/* One-shot timer, waited for with interrupts on; bounded by 5 s of counter. */
static int check_timer_spin(void)
{
    unsigned int before = timer_irqs;
    uint64_t deadline = rdtime() + timer_ticks * 2500;

    csr_write(ECFG_LIE_TI, CSR_ECFG);
    timer_arm();
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
    unsigned int before = timer_irqs;

    timer_arm();
    while (timer_irqs == before) {
        idle();
        irq_on();
        irq_off();
    }
    return timer_irqs == before + 1 ? 0 : -1;
}

int guest_main(void)
{
    puts("guest: hello\n");
    if (check_cpucfg())
        return STATUS_CPUCFG;
    if (check_mmio_read())
        return STATUS_MMIO_READ;
    if (check_hypercall())
        return STATUS_HYPERCALL;
    if (check_memory())
        return STATUS_MEMORY;
    if (check_timer_spin())
        return STATUS_TIMER_SPIN;
    if (check_timer_idle())
        return STATUS_TIMER_IDLE;
    puts("guest: done\n");
    return STATUS_OK;
}
