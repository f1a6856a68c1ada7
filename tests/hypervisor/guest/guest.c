/*
 * lvisor test guest: exercises each exit path from inside a zone and prints
 * one "CHECK <name> ok|FAIL" line per check ("skipped" for one this board
 * cannot run), then powers the board off.
 */
#include "zone_guest.h"
#include <loongarch/regs.h>

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

/* A check this board cannot run: said so, so that the test can tell it from a missing one. */
static void check_skipped(const char *name, const char *why)
{
    puts_("CHECK ");
    puts_(name);
    puts_(" skipped (");
    puts_(why);
    puts_(")\n");
}

static void say_hex(const char *what, u64 v)
{
    puts_("guest: ");
    puts_(what);
    puts_(" ");
    puthex(v);
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

static u64 iocsr_rd64(u64 a)
{
    u64 v;
    __asm__ volatile("iocsrrd.d %0, %1" : "=r"(v) : "r"(a) : "memory");
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
/* vCPU 1, idle, sends vCPU 0 an IPI at this time (after vCPU 0's IPI tells it to look). */
static volatile u64 wake_vcpu0_at;
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
    for (;;) {
        __asm__ volatile("idle 0");
        u64 at = wake_vcpu0_at;
        if (cpuid == 1 && at) {
            while (rdtime() < at)
                ;
            wake_vcpu0_at = 0;
            iocsr_wr32(0x1040, 0u << 16 | 3); /* IPI vector 3 to vCPU 0 */
        }
    }
}

static void start_cpu(u32 cpu, u64 entry)
{
    iocsr_wr64(0x1048, (entry >> 32) << 32 | 1UL << 31 | (u64)cpu << 16 | 1 << 2);
    iocsr_wr64(0x1048, (entry & 0xffffffff) << 32 | 1UL << 31 | (u64)cpu << 16);
    iocsr_wr32(0x1040, 1u << 31 | cpu << 16 | 0);
}

/* lvisor's exit counters of CPU 0 (this vCPU): all exits and idle exits. */
struct counts {
    u64 all, idle;
};

static struct counts counters(void)
{
    struct counts c;
    c.all = (u64)hvc(HVC_LVISOR_EXIT_COUNT, 0, LVISOR_EXIT_ALL);
    c.idle = (u64)hvc(HVC_LVISOR_EXIT_COUNT, 0, LVISOR_EXIT_IDLE);
    return c;
}

/* Exits between two counters() other than idle ones and the 2 counting calls in between. */
static u64 other_exits(struct counts a, struct counts b)
{
    return b.all - a.all - 2 - (b.idle - a.idle);
}

/*
 * HVC_CONFIG_CHECK stores the magic, one u64, at a1. The magic (6) is also the
 * call's own code, so a hypervisor that stored a0 at a1 on every call would
 * pass the first half: the second gives the same pointer to calls that write
 * nothing, and the word must stay as it was.
 */
static int config_check_ok(u64 *got)
{
    static u64 slot[3];
    const u64 guard = 0x5a5a5a5a5a5a5a5aUL, fill = 0x0123456789abcdefUL;
    slot[0] = slot[2] = guard;
    slot[1] = fill;
    int ok = hvc(HVC_CONFIG_CHECK, (u64)&slot[1], 0) == 0;
    *got = slot[1];
    ok = ok && slot[1] == LVISOR_CONFIG_MAGIC && slot[0] == guard && slot[2] == guard;
    slot[1] = fill;
    ok = ok && hvc(12345, (u64)&slot[1], 0) == -HV_ENOSYS;
    ok = ok && hvc(HVC_LVISOR_EXIT_COUNT, (u64)&slot[1], 0) == -HV_EINVAL;
    return ok && slot[1] == fill;
}

/*
 * An access to lvisor's memory must come back as the architecture's address
 * error, ADEM (Ecode 8, Esubcode 1), with BADV the address and ERA the
 * instruction (start.S steps over it), not as a page fault (PIL/PIS).
 */
static void check_refused(const char *name, u64 va, int store)
{
    u64 before = exceptions, pc, val = 0;
    if (store)
        __asm__ volatile("la.pcrel %0, 1f\n1: st.d %1, %2, 0" : "=&r"(pc) : "r"(val), "r"(va) : "memory");
    else
        __asm__ volatile("la.pcrel %0, 1f\n1: ld.d %1, %2, 0" : "=&r"(pc), "=r"(val) : "r"(va) : "memory");
    u64 estat = last_estat, badv = csrrd(CSR_BADV), era = csrrd(CSR_ERA);
    u64 ecode = (estat & ESTAT_ECODE_MASK) >> ESTAT_ECODE_SHIFT;
    u64 esubcode = (estat >> ESTAT_ESUBCODE_SHIFT) & 0x1ff;
    int ok = exceptions == before + 1 && ecode == ECODE_ADE && esubcode == ESUBCODE_ADEM &&
             badv == va && era == pc + 4;
    if (!ok) {
        say_hex("  exceptions taken", exceptions - before);
        say_hex("  badv", badv);
        say_hex("  era - 4", era - 4);
        say_hex("  at", pc);
    }
    check(name, ok, estat);
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

    u64 magic;
    check("hvc-config-check", config_check_ok(&magic), magic);
    check("hvc-unknown", hvc(12345, 0, 0) == -38, 0);
    check("hvc-bad-pointer", hvc(6, 0x0f000000, 0) == -14, 0);
    check("hvc-keeps-gprs", gprs_kept(gprs_across_hvc, 12345), 0);
    check("gspr-keeps-gprs", gprs_kept(gprs_across_cpucfg, 2), 0);

    /* The board's feature word, less IOCSRF_VM (bit 11) and AVEC (15), which a
     * zone must not use; the test compares it with the board's own word. */
    u64 features = iocsr_rd32(0x8);
    say_hex("IOCSR features", features);
    check("iocsr-features", !(features & (1 << 11 | 1 << 15)) && (features & 1 << 3) &&
          features == (iocsr_rd64(0x8) & 0xffffffff), features);
    iocsr_wr32(0x1234, 0xdead); /* not ours: refused, no crash */
    check("iocsr-refused", iocsr_rd32(0x1234) == 0, 0);

    /*
     * Idle with only the guest timer armed, interrupts off (idle still wakes
     * on a pending line): the vCPU sleeps in lvisor until the deadline. One
     * idle instruction is one idle exit, and nothing else exits meanwhile.
     */
    u64 freq = 100000000;
    csrwr(CSR_ECFG, 1UL << INT_TI);
    struct counts c0 = counters();
    u64 t0 = rdtime();
    csrwr(CSR_TCFG, (freq / 100) | TCFG_EN); /* 10 ms one-shot */
    u64 idles = 0;
    do {
        __asm__ volatile("idle 0");
        idles++;
    } while (!(csrrd(CSR_ESTAT) & (1UL << INT_TI)));
    u64 dt = rdtime() - t0;
    struct counts c1 = counters();
    enable_irqs(1UL << INT_TI); /* the handler acks it */
    check("idle-timer-wakeup", dt >= freq / 100 && dt < freq / 10 && idles == 1 &&
          c1.idle - c0.idle == 1 && other_exits(c0, c1) == 0 && timer_irqs == 1, dt);

    /* Periodic timer across many idles, interrupts on: 50 ticks of 2 ms =
     * 100 ms. Each idle ends in a tick taken, so at most 50 idles. */
    timer_irqs = 0;
    c0 = counters();
    t0 = rdtime();
    csrwr(CSR_TCFG, (freq / 500) | TCFG_EN | TCFG_PERIODIC);
    idles = 0;
    while (timer_irqs < 50) {
        __asm__ volatile("idle 0");
        idles++;
    }
    csrwr(CSR_TCFG, 0);
    dt = rdtime() - t0;
    c1 = counters();
    say_hex("idle-periodic idles", idles);
    /* never early; slack for emulation speed (ticks coalesce when late) */
    check("idle-periodic", dt >= freq / 10 && dt < freq * 2 && idles >= 1 && idles <= 50 &&
          c1.idle - c0.idle == idles && other_exits(c0, c1) == 0, dt);

    /* A load and a store into lvisor's own memory: refused, we go on. */
    check_refused("stage2-violation", 0x0f000000UL, 0);
    check_refused("stage2-violation-store", 0x0f100000UL, 1);

    /* Idle storm: many idles with an interrupt always pending must not hang. */
    csrwr(0x0, csrrd(0x0) & ~0x4UL); /* IE off: idle still wakes on a pending line */
    csrwr(0x4, 1UL << 12);
    iocsr_wr32(0x1004, ~0u);
    u64 seen = 0;
    c0 = counters();
    for (int i = 0; i < 1000; i++) {
        iocsr_wr32(0x1040, 0 << 16 | 1); /* IPI vector 1 to self */
        __asm__ volatile("idle 0");
        u64 st = iocsr_rd32(0x1000);
        seen += st & 2 ? 1 : 0;
        iocsr_wr32(0x100c, (u32)st);
    }
    c1 = counters();
    check("idle-storm-self-ipi", seen == 1000 && c1.idle - c0.idle == 1000, seen);
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
            /* up to 1 s each: a loaded host may not run vCPU 1's thread for a while */
            for (u64 end = rdtime() + freq; rdtime() < end && ipi_irqs == ipis0 + sent;)
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
        check_skipped("int-exits-keep-gprs", "needs a second vCPU");
    }

    /*
     * Tickless idle: a timer programmed far ahead (10 s), then cancelled, as
     * a NO_HZ guest does; then idle with the timer and IPIs enabled and no
     * timer at all. Only vCPU 1's IPI, 20 ms later, may wake it: one idle
     * exit, no timer interrupt.
     */
    if (spin_done) {
        csrwr(CSR_TCFG, (freq * 10) | TCFG_EN);
        csrwr(CSR_TCFG, 0);
        csrwr(CSR_TICLR, 1);
        csrwr(0x0, csrrd(0x0) & ~0x4UL); /* IE off: idle wakes on the pending line */
        csrwr(CSR_ECFG, 1UL << INT_TI | 1UL << INT_IPI);
        u64 timers0 = timer_irqs, ipis0 = ipi_irqs;
        wake_vcpu0_at = rdtime() + freq / 50;
        iocsr_wr32(0x1040, 1u << 16 | 2); /* IPI vector 2: vCPU 1, look at wake_vcpu0_at */
        struct counts w0 = counters();
        u64 w_t0 = rdtime(), w_idles = 0;
        do {
            __asm__ volatile("idle 0");
            w_idles++;
        } while (!(csrrd(CSR_ESTAT) & (1UL << INT_IPI)));
        u64 w_dt = rdtime() - w_t0;
        struct counts w1 = counters();
        u64 ti_pending = csrrd(CSR_ESTAT) & (1UL << INT_TI);
        enable_irqs(1UL << INT_IPI); /* the handler acks it */
        say_hex("idle-tickless idles", w_idles);
        say_hex("idle-tickless idle exits", w1.idle - w0.idle);
        say_hex("idle-tickless timer pending, interrupts", ti_pending | (timer_irqs - timers0) << 32);
        say_hex("idle-tickless IPIs taken", ipi_irqs - ipis0);
        check("idle-tickless-ipi-wakeup", w_dt >= freq / 100 && w_dt < freq / 2 && w_idles == 1 &&
              w1.idle - w0.idle == 1 && !ti_pending && timer_irqs == timers0 &&
              ipi_irqs == ipis0 + 2, w_dt); /* vCPU 1 took ours, we took its (one counter) */
    } else {
        check_skipped("idle-tickless-ipi-wakeup", "needs a second vCPU");
    }

    puts_("guest: done, powering off\n");
    *GED_SLEEP = 0x34;
    for (;;)
        __asm__ volatile("idle 0");
}
