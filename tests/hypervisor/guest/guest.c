/*
 * lvisor test guest: exercises each exit path from inside a zone and prints
 * one "CHECK <name> ok|FAIL" line per check, then powers the board off.
 */
#include "zone_guest.h"

volatile u64 last_estat, timer_irqs, ipi_irqs, exceptions;
volatile u64 secondaries_up;
extern char guest_vector[], secondary_start[];


static void check(const char *name, int ok, u64 detail)
{
    puts_("CHECK ");
    puts_(name);
    puts_(ok ? " ok " : " FAIL ");
    puthex(detail);
    puts_("\n");
}

static u64 cpucfg(u64 w)
{
    u64 v;
    __asm__ volatile("cpucfg %0, %1" : "=r"(v) : "r"(w));
    return v;
}

static u64 iocsr_rd32(u64 a)
{
    u32 v;
    __asm__ volatile("iocsrrd.w %0, %1" : "=r"(v) : "r"(a) : "memory");
    return v;
}

static void iocsr_wr32(u64 a, u32 v) { __asm__ volatile("iocsrwr.w %0, %1" ::"r"(v), "r"(a) : "memory"); }
static void iocsr_wr64(u64 a, u64 v) { __asm__ volatile("iocsrwr.d %0, %1" ::"r"(v), "r"(a) : "memory"); }

static void enable_irqs(u64 lie)
{
    csrwr(0x4, lie);              /* ECFG: VS = 0 */
    csrwr(0x0, csrrd(0x0) | 0x4); /* CRMD.IE */
}

/* vCPU 1 spins with patterned registers while vCPU 0 sends it IPIs. */
void gprs_across_spin(u64 a0, u64 *out);
static volatile u64 spin_go, spin_done;
static u64 spin_out[32];

void secondary_main(u64 cpuid);
void secondary_main(u64 cpuid)
{
    csrwr(0xc, (u64)guest_vector);
    /* Print before reporting in: the boot vCPU prints as soon as it sees the
     * bit, and the UART has no lock. */
    puts_("guest: secondary vCPU up\n");
    iocsr_wr32(0x1004, ~0u); /* IPI_EN */
    enable_irqs(1UL << 12);
    __atomic_fetch_or(&secondaries_up, 1UL << cpuid, __ATOMIC_SEQ_CST);
    if (cpuid == 1) {
        gprs_across_spin((u64)&spin_go, spin_out);
        spin_done = 1;
    }
    for (;;)
        __asm__ volatile("idle 0");
}

static void start_cpu(u32 cpu, u64 entry)
{
    iocsr_wr64(0x1048, (entry >> 32) << 32 | 1UL << 31 | (u64)cpu << 16 | 1 << 2);
    iocsr_wr64(0x1048, (entry & 0xffffffff) << 32 | 1UL << 31 | (u64)cpu << 16);
    iocsr_wr32(0x1040, 1u << 31 | cpu << 16 | 0);
}

void gprs_across_hvc(u64 a0, u64 *out);
void gprs_across_cpucfg(u64 a0, u64 *out);

/* Every GPR but sp, a0 and a1 came back with its pattern (start.S). */
static int gprs_match(const u64 *out)
{
    for (int n = 1; n < 32; n++) {
        if (n == 3 || n == 4 || n == 5)
            continue;
        if (out[n] != 0x5a00a5005a00a500UL + (u64)n) {
            puts_("guest: GPR r");
            putdec((u64)n);
            puts_(" changed to ");
            puthex(out[n]);
            puts_("\n");
            return 0;
        }
    }
    return 1;
}

static int gprs_kept(void (*across)(u64, u64 *), u64 a0)
{
    u64 out[32];
    across(a0, out);
    return gprs_match(out);
}

void guest_main(void);
void guest_main(void)
{
    puts_("guest: hello from zone 0\n");
    csrwr(0xc, (u64)guest_vector); /* EENTRY */

    check("cpucfg-hides-lvz", !(cpucfg(2) & (1 << 10)), cpucfg(2));

    static u64 magic;
    s64 r = hvc(6, (u64)&magic, 0);
    check("hvc-config-check", r == 0 && magic == 6, magic);
    check("hvc-unknown", hvc(12345, 0, 0) == -38, 0);
    check("hvc-bad-pointer", hvc(6, 0x0f000000, 0) == -14, 0);
    check("hvc-keeps-gprs", gprs_kept(gprs_across_hvc, 12345), 0);
    check("gspr-keeps-gprs", gprs_kept(gprs_across_cpucfg, 2), 0);

    check("iocsr-features", (iocsr_rd32(0x8) & (1 << 11)) == 0, iocsr_rd32(0x8));
    iocsr_wr32(0x1234, 0xdead); /* not ours: refused, no crash */
    check("iocsr-refused", iocsr_rd32(0x1234) == 0, 0);

    /* Idle with only the guest timer armed: must wake at its deadline. */
    u64 freq = 100000000;
    u64 t0 = rdtime();
    csrwr(0x41, (freq / 100) | 1); /* TCFG: 10 ms one-shot */
    enable_irqs(1UL << 11);
    while (!timer_irqs)
        __asm__ volatile("idle 0");
    u64 dt = rdtime() - t0;
    check("idle-timer-wakeup", dt >= freq / 100 && dt < freq / 10, dt);

    /* Periodic timer across many idles: 50 ticks of 2 ms = 100 ms. */
    timer_irqs = 0;
    t0 = rdtime();
    csrwr(0x41, (freq / 500) | 3);
    while (timer_irqs < 50)
        __asm__ volatile("idle 0");
    csrwr(0x41, 0);
    dt = rdtime() - t0;
    /* never early; slack for emulation speed (ticks coalesce when late) */
    check("idle-periodic", dt >= freq / 10 && dt < freq * 2, dt);

    /* A load from lvisor's own memory: refused with an exception, we go on. */
    u64 before = exceptions;
    u64 val = *(volatile u64 *)0x0f000000UL;
    check("stage2-violation", exceptions == before + 1, last_estat);
    (void)val;
    before = exceptions;
    *(volatile u64 *)0x0f100000UL = 1;
    check("stage2-violation-store", exceptions == before + 1, last_estat);

    /* Idle storm: many idles with an interrupt always pending must not hang. */
    csrwr(0x0, csrrd(0x0) & ~0x4UL); /* IE off: idle still wakes on a pending line */
    csrwr(0x4, 1UL << 12);
    iocsr_wr32(0x1004, ~0u);
    u64 seen = 0;
    for (int i = 0; i < 1000; i++) {
        iocsr_wr32(0x1040, 0 << 16 | 1); /* IPI vector 1 to self */
        __asm__ volatile("idle 0");
        u64 st = iocsr_rd32(0x1000);
        seen += st & 2 ? 1 : 0;
        iocsr_wr32(0x100c, (u32)st);
    }
    check("idle-storm-self-ipi", seen == 1000, seen);
    enable_irqs(1UL << 12);

    /* Secondary vCPUs through the mailbox protocol. */
    u64 ncpu = 1;
    for (u32 cpu = 1; cpu < 4; cpu++) {
        start_cpu(cpu, (u64)secondary_start);
        for (u64 end = rdtime() + freq / 2; rdtime() < end && !(secondaries_up & (1UL << cpu));)
            ;
        if (secondaries_up & (1UL << cpu))
            ncpu++;
    }
    puts_("guest: vCPUs up ");
    puthex(ncpu);
    puts_("\n");

    /* Interrupt exits (lvisor's IPI, which delivers ours) on vCPU 1 while it
     * spins with every GPR patterned: none of them may change. */
    if (secondaries_up & 2) {
        s64 ints0 = hvc(HVC_LVISOR_EXIT_COUNT, 1, 0); /* CPU 1, Ecode 0: interrupts */
        u64 ipis0 = ipi_irqs;
        for (u64 sent = 0; sent < 200; sent++) {
            iocsr_wr32(0x1040, 1u << 16 | 1); /* IPI vector 1 to vCPU 1 */
            for (u64 end = rdtime() + freq / 10; rdtime() < end && ipi_irqs == ipis0 + sent;)
                ;
        }
        u64 ipis = ipi_irqs - ipis0;
        spin_go = 1;
        for (u64 end = rdtime() + freq; rdtime() < end && !spin_done;)
            ;
        s64 ints = hvc(HVC_LVISOR_EXIT_COUNT, 1, 0) - ints0;
        check("int-exits-keep-gprs", spin_done && ipis == 200 && ints >= 200 && gprs_match(spin_out),
              (u64)ints);
    } else {
        puts_("guest: int-exits-keep-gprs needs a second vCPU: skipped\n");
    }

    puts_("guest: done, powering off\n");
    *GED_SLEEP = 0x34;
    for (;;)
        __asm__ volatile("idle 0");
}
