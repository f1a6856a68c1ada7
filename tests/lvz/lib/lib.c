/* Console, checks, trap recording and LVZ helpers for the conformance programs. */
#include "lvz.h"

#define UART 0x1fe001e0UL
/* virt board GED sleep control: SLP_TYP S5 (5 << 2) | SLP_EN (0x20), see QEMU
 * hw/acpi/generic_event_device.c ged_regs_write and include/hw/loongarch/virt.h */
#define GED_SLEEP_CTL 0x100e001cUL
#define GED_S5_POWEROFF 0x34

volatile struct trapinfo ti;
int (*trap_hook)(volatile struct trapinfo *);
static u64 nchecks, nfail;
static int in_trap;
static int has_lvz;
extern u64 jb_armed;

extern char vec_general[], vec_tlbr[], vec_merr[];
extern char __image_start[], __image_end[];
long guest_enter(u64 *regs, u64 pc, u64 prmd);

void *memset(void *d, int c, unsigned long n)
{
    volatile char *p = d;
    while (n--)
        *p++ = (char)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
    volatile char *p = d;
    const char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

void putc(char c)
{
    volatile unsigned char *u = (volatile unsigned char *)UART;
    while (!(u[5] & 0x20))
        ;
    u[0] = (unsigned char)c;
}

void puts(const char *s)
{
    while (*s) {
        if (*s == '\n')
            putc('\r');
        putc(*s++);
    }
}

void puthex(u64 v)
{
    puts("0x");
    for (int i = 60; i >= 0; i -= 4)
        putc("0123456789abcdef"[(v >> i) & 0xf]);
}

void putdec(u64 v)
{
    char b[24];
    int i = 0;
    do {
        b[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (i)
        putc(b[--i]);
}

void poweroff(void)
{
    *(volatile unsigned char *)GED_SLEEP_CTL = GED_S5_POWEROFF;
    for (;;)
        asm volatile("idle 0");
}

void check(const char *name, int ok, const char *what, u64 got, u64 want)
{
    nchecks++;
    if (ok) {
        puts("PASS ");
        puts(name);
        puts("\n");
        return;
    }
    nfail++;
    puts("FAIL ");
    puts(name);
    puts(": ");
    puts(what);
    puts(" = ");
    puthex(got);
    puts(", expected ");
    puthex(want);
    puts(" [last trap: kind ");
    putdec(ti.kind);
    puts(" estat ");
    puthex(ti.estat);
    puts(" era ");
    puthex(ti.era);
    puts(" badv ");
    puthex(ti.badv);
    puts(" badi ");
    puthex(ti.badi);
    puts(" gstat ");
    puthex(ti.gstat);
    puts(" tlbrbadv ");
    puthex(ti.tlbrbadv);
    puts("]\n");
}

void done(void)
{
    puts("DONE ");
    putdec(nchecks);
    puts(" checks, ");
    putdec(nfail);
    puts(" failed\n");
    poweroff();
}

int lvz_present(void)
{
    return has_lvz;
}

/* ---- stage 2 ---- */
struct s2region s2map[S2_MAX] __attribute__((aligned(4096)));
int s2_nr;
volatile int s2_auto;
volatile u64 s2_refills;

void s2_reset(void)
{
    s2_nr = 0;
    s2_auto = 0;
}

void s2_add(u64 gid, u64 gpa, u64 hpa, u64 size, u64 elo_flags)
{
    if (s2_nr == S2_MAX) {
        puts("FAIL framework: s2map full\n");
        poweroff();
    }
    s2map[s2_nr++] = (struct s2region){ gpa, hpa, size, elo_flags, gid };
}

/* Later regions win, so a test can override part of the identity map. */
static int s2_lookup(u64 gid, u64 gpa, u64 *elo)
{
    for (int i = s2_nr - 1; i >= 0; i--) {
        struct s2region *r = &s2map[i];
        if (r->gid == gid && gpa >= r->gpa && gpa - r->gpa < r->size) {
            *elo = ((r->hpa + (gpa - r->gpa)) & ~0xfffUL) | r->elo_flags;
            return 1;
        }
    }
    *elo = 0;
    return 0;
}

/* Stage-2 refill with 4 KiB pages, as KVM's host refill handler does with the page walker. */
static int s2_fill(void)
{
    u64 gid = (csrrd(GSTAT) >> 16) & 0xff;
    u64 base = ti.tlbrbadv & ~0x1fffUL;
    u64 e0, e1;
    int f0 = s2_lookup(gid, base, &e0);
    int f1 = s2_lookup(gid, base + 0x1000, &e1);
    if (!f0 && !f1)
        return 0;
    csrwr(TLBRELO0, e0);
    csrwr(TLBRELO1, e1);
    csrwr(TLBREHI, (csrrd(TLBREHI) & ~0x3fUL) | 12);
    asm volatile("tlbfill" ::: "memory");
    s2_refills++;
    return 1;
}

void s2_write(int slot, u64 gid, u64 va, u64 elo0, u64 elo1, int ps)
{
    u64 old = csrxchg(GTLBC, (gid << 16) | GTLBC_USETGID, 0xff0000UL | GTLBC_USETGID);
    csrwr(TLBEHI, va & ~((1UL << (ps + 1)) - 1));
    csrwr(TLBELO0, elo0);
    csrwr(TLBELO1, elo1);
    csrwr(TLBIDX, (u64)(2048 + slot) | ((u64)ps << 24));
    tlbwr();
    csrwr(GTLBC, old);
}

void tlb_flush_all(void)
{
    invtlb(0x0, 0, 0);
    if (has_lvz) {
        invtlb(0x12, 0, 0);
        gtlbflush();
    }
}

/* ---- traps ---- */
long trap_c(long kind)
{
    ti.kind = (u64)kind;
    ti.estat = csrrd(ESTAT);
    ti.era = csrrd(ERA);
    ti.badv = csrrd(BADV);
    ti.badi = csrrd(BADI);
    ti.crmd = csrrd(CRMD);
    ti.prmd = csrrd(PRMD);
    ti.gstat = has_lvz ? csrrd(GSTAT) : 0;
    ti.tlbrbadv = csrrd(TLBRBADV);
    ti.tlbrera = csrrd(TLBRERA);
    ti.tlbrehi = csrrd(TLBREHI);
    ti.count++;
    if (in_trap) {
        puts("FAIL framework: trap inside the trap handler\n");
        done();
    }
    if (kind == TRAP_TLBR && s2_auto && s2_fill())
        return 0;
    in_trap = 1;
    if (trap_hook && trap_hook(&ti)) {
        in_trap = 0;
        return 0;
    }
    in_trap = 0;
    if (kind == TRAP_MERR || !jb_armed) {
        puts(kind == TRAP_MERR ? "FAIL framework: machine error exception"
                               : "FAIL framework: unexpected trap");
        puts(", kind ");
        putdec((u64)kind);
        puts(" estat ");
        puthex(ti.estat);
        puts(" era ");
        puthex(ti.era);
        puts(" badv ");
        puthex(ti.badv);
        puts(" tlbrbadv ");
        puthex(ti.tlbrbadv);
        puts("\n");
        done();
    }
    jb_armed = 0;
    /* Abort to the continuation in root mode: leave no refill or guest-return state behind. */
    if (kind == TRAP_TLBR)
        csrxchg(TLBRERA, 0, 1);
    if (has_lvz)
        csrxchg(GSTAT, 0, GSTAT_PVM);
    return 1;
}

/* ---- guests ---- */
static u64 guest_stacks[4][512] __attribute__((aligned(16)));

/* Every guest gets the image (its code, data, stacks) mapped GPA == HPA in stage 2. */
static void s2_identity(u64 gid)
{
    for (int i = 0; i < s2_nr; i++)
        if (s2map[i].gid == gid && s2map[i].gpa == (u64)__image_start)
            return;
    s2_add(gid, (u64)__image_start, (u64)__image_start, (u64)(__image_end - __image_start),
           ELO_V | ELO_D | ELO_MAT_CC);
    s2_auto = 1;
}

void guest_init(struct guest *g, void (*entry)(void), u64 gid)
{
    s2_identity(gid);
    memset(g, 0, sizeof(*g));
    g->gid = gid;
    g->pc = (u64)entry;
    g->r[3] = (u64)&guest_stacks[gid & 3][512];
    gcsrwr(CRMD, 0x8);   /* DA, PLV0, IE off */
    gcsrwr(PRMD, 0);
    gcsrwr(EUEN, 0);
    gcsrwr(ECFG, 0);
    gcsrwr(ESTAT, 0);
    gcsrwr(EENTRY, (u64)guest_exc_entry);
    gcsrwr(TLBRENTRY, (u64)guest_tlbr_entry);
    gcsrwr(TLBRERA, 0);
    gcsrwr(TLBRPRMD, 0);
    gcsrwr(TCFG, 0);
    gcsrwr(TICLR, 1);
    gcsrwr(ASID, 0);
    gcsrwr(STLBPS, 12);
    gcsrwr(TLBIDX, 0);
    gcsrwr(DMW0, 0);
    gcsrwr(DMW0 + 1, 0);
    gcsrwr(DMW0 + 2, 0);
    gcsrwr(DMW0 + 3, 0);
}

u64 guest_gtlbc_extra; /* e.g. GTLBC.TOTI for one test */
u64 guest_prmd = 1UL << 2; /* PIE: root interrupts enabled in guest mode, as KVM does */

long guest_run(struct guest *g)
{
    csrxchg(GSTAT, (g->gid << 16) | GSTAT_PVM, 0xff0000UL | GSTAT_PVM);
    csrxchg(GTLBC, (g->gid << 16) | GTLBC_USETGID | guest_gtlbc_extra, 0xff0000UL | GTLBC_USETGID | GTLBC_TOTI);
    long r = guest_enter(g->r, g->pc, guest_prmd);
    memcpy(g->r, tf, sizeof(g->r));
    g->pc = ti.kind == TRAP_TLBR ? (ti.tlbrera & ~3UL) : ti.era;
    /* Back in root: later root TLB writes get GID 0 (KVM switch.S:165-172). */
    csrxchg(GTLBC, 0, 0xff0000UL);
    return r;
}

long guest_resume_next(struct guest *g)
{
    g->pc += 4;
    return guest_run(g);
}

void cmain(void)
{
    has_lvz = (cpucfg(2) >> 10) & 1;
    csrwr(ECFG, 0);
    csrwr(EENTRY, (u64)vec_general);
    csrwr(TLBRENTRY, (u64)vec_tlbr);
    csrwr(MERRENTRY, (u64)vec_merr);
    csrwr(STLBPS, 12);
    if (has_lvz) {
        csrwr(GSTAT, 0);
        csrwr(GTLBC, GTLBC_USETGID);
        csrwr(GCFG, 0);
        csrwr(GINTC, 0);
        csrwr(GCNTC, 0);
    }
    invtlb(0x0, 0, 0);
    puts("START lvz conformance program\n");
    tests();
    done();
}
