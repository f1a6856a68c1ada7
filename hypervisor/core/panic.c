/* panic: the end of the road for a bug in lvisor itself (see panic.h). */
#include "core/panic.h"
#include "core/arch.h"
#include "core/cpu.h"
#include "lib/printf.h"

volatile u32 hv_stopping;

void panic(const char *fmt, ...)
{
    u32 cpu = arch_cpu_id();
    /* The first CPU to panic reports; any other stops quietly. */
    if (__atomic_exchange_n(&hv_stopping, 1, __ATOMIC_ACQ_REL))
        arch_cpu_halt();
    char cause[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cause, sizeof(cause), fmt, ap);
    va_end(ap);
    u64 era, badv;
    arch_last_exception(&era, &badv);
    printk("[lvisor] PANIC on CPU %u: %s\n", cpu, cause);
    printk("[lvisor]   last exception: era %lx badv %lx\n", era, badv);
    u64 pcs[16];
    u32 n = arch_backtrace(pcs, ARRAY_SIZE(pcs));
    printk("[lvisor]   backtrace (lvisor.elf addresses):");
    for (u32 i = 0; i < n; i++)
        printk(" %lx", pcs[i]);
    printk("\n[lvisor] all CPUs stopped\n");
    /* Every other CPU halts at its next exit or wake-up: this IPI makes one. */
    for (u32 c = 0; c < CONFIG_MAX_CPUS; c++)
        if (c != cpu && (cpus_online & BIT(c)))
            arch_ipi_send(c);
    arch_cpu_halt();
}
