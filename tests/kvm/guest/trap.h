#ifndef GUEST_TRAP_H
#define GUEST_TRAP_H

/* Exit statuses the guest reports; the VMM passes them on as its own. */
enum {
    STATUS_OK = 0,
    STATUS_CPUCFG = 10,
    STATUS_MMIO_READ,
    STATUS_HYPERCALL,
    STATUS_MEMORY,
    STATUS_TIMER_SPIN,
    STATUS_TIMER_IDLE,
    STATUS_BAD_TRAP,
};

/* Guest timer interrupts taken so far. */
extern volatile unsigned int timer_irqs;

#endif
