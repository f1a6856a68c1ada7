/* Checks, trap recording and LVZ helpers for the conformance programs. */
#include <baremetal/setjmp.h>
#include <baremetal/virt.h>

#include "lvz.h"

volatile struct trapinfo ti;
int (*trap_hook)(volatile struct trapinfo *);
static u64 nchecks, nfail;
static int in_trap;
static int has_lvz;
/* Where a trap aborts to, while armed: run_catch, run_plv3, guest_enter. */
static jmp_buf cont;
static int cont_armed;

extern char __image_start[], __image_end[];

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

static void print_trap(void)
{
    puts_("kind ");
    putdec(ti.kind);
    puts_(" estat ");
    puthex(ti.estat);
    puts_(" era ");
    puthex(ti.era);
    puts_(" badv ");
    puthex(ti.badv);
    puts_(" badi ");
    puthex(ti.badi);
    puts_(" gstat ");
    puthex(ti.gstat);
    puts_(" tlbrbadv ");
    puthex(ti.tlbrbadv);
}

void check(const char *name, int ok, const char *what, u64 got, u64 want)
{
    nchecks++;
    if (ok) {
        puts_("PASS ");
        puts_(name);
        puts_("\n");
        return;
    }
    nfail++;
    puts_("FAIL ");
    puts_(name);
    puts_(": ");
    puts_(what);
    puts_(" = ");
    puthex(got);
    puts_(", expected ");
    puthex(want);
    puts_(" [last trap: ");
    print_trap();
    puts_("]\n");
}

void cannot_check(const char *name, const char *why)
{
    nchecks++;
    nfail++;
    puts_("FAIL ");
    puts_(name);
    puts_(": not checked: ");
    puts_(why);
    puts_("\n");
}

void done(void)
{
    puts_("DONE ");
    putdec(nchecks);
    puts_(" checks, ");
    putdec(nfail);
    puts_(" failed\n");
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
        puts_("FAIL framework: s2map full\n");
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
    u64 gid = (csrrd(CSR_GSTAT) & GSTAT_GID_MASK) >> GSTAT_GID_SHIFT;
    u64 base = ti.tlbrbadv & ~0x1fffUL;
    u64 e0, e1;
    int f0 = s2_lookup(gid, base, &e0);
    int f1 = s2_lookup(gid, base + 0x1000, &e1);
    if (!f0 && !f1)
        return 0;
    csrwr(CSR_TLBRELO0, e0);
    csrwr(CSR_TLBRELO1, e1);
    csrwr(CSR_TLBREHI, (csrrd(CSR_TLBREHI) & ~0x3fUL) | 12);
    tlbfill();
    s2_refills++;
    return 1;
}

void s2_write(int slot, u64 gid, u64 va, u64 elo0, u64 elo1, int ps)
{
    u64 old = csrxchg(CSR_GTLBC, gid << GTLBC_TGID_SHIFT | GTLBC_USETGID, GTLBC_TGID_MASK | GTLBC_USETGID);
    csrwr(CSR_TLBEHI, va & ~((1UL << (ps + 1)) - 1));
    csrwr(CSR_TLBELO0, elo0);
    csrwr(CSR_TLBELO1, elo1);
    csrwr(CSR_TLBIDX, (u64)(2048 + slot) | ((u64)ps << 24));
    tlbwr();
    csrwr(CSR_GTLBC, old);
}

void tlb_flush_all(void)
{
    invtlb(0x0, 0, 0);
    if (has_lvz) {
        invtlb(0x12, 0, 0);
        gtlbflush();
    }
}

static u64 tlb_find(u64 gid, u64 va, int read)
{
    csrxchg(CSR_GTLBC, gid << GTLBC_TGID_SHIFT, GTLBC_TGID_MASK);
    csrwr(CSR_TLBEHI, va);
    tlbsrch();
    u64 idx = csrrd(CSR_TLBIDX);
    if (read && !(idx & TLBIDX_NE)) {
        csrwr(CSR_TLBIDX, idx & 0xfff);
        tlbrd();
    }
    csrxchg(CSR_GTLBC, 0, GTLBC_TGID_MASK);
    return idx;
}

u64 tlb_search(u64 gid, u64 va) { return tlb_find(gid, va, 0); }
u64 tlb_search_read(u64 gid, u64 va) { return tlb_find(gid, va, 1); }

/* ---- traps ---- */
void trap(long kind)
{
    ti.kind = (u64)kind;
    ti.estat = csrrd(CSR_ESTAT);
    ti.era = csrrd(CSR_ERA);
    ti.badv = csrrd(CSR_BADV);
    ti.badi = csrrd(CSR_BADI);
    ti.crmd = csrrd(CSR_CRMD);
    ti.prmd = csrrd(CSR_PRMD);
    ti.gstat = has_lvz ? csrrd(CSR_GSTAT) : 0;
    ti.tlbrbadv = csrrd(CSR_TLBRBADV);
    ti.tlbrera = csrrd(CSR_TLBRERA);
    ti.tlbrehi = csrrd(CSR_TLBREHI);
    ti.count++;
    if (in_trap) {
        puts_("FAIL framework: trap inside the trap handler\n");
        done();
    }
    if (kind == TRAP_TLBR && s2_auto && s2_fill())
        return;
    in_trap = 1;
    if (trap_hook && trap_hook(&ti)) {
        in_trap = 0;
        return;
    }
    in_trap = 0;
    if (kind == TRAP_MERR || !cont_armed) {
        puts_(kind == TRAP_MERR ? "FAIL framework: machine error exception, "
                                : "FAIL framework: unexpected trap, ");
        print_trap();
        puts_("\n");
        done();
    }
    cont_armed = 0;
    /* Abort to the continuation in root mode: leave no refill or guest-return state behind. */
    if (kind == TRAP_TLBR)
        csrxchg(CSR_TLBRERA, 0, TLBRERA_ISTLBR);
    if (has_lvz)
        csrxchg(CSR_GSTAT, 0, GSTAT_PVM);
    longjmp(cont, RUN_TRAPPED);
}

long run_catch(void (*fn)(void *), void *arg)
{
    if (setjmp(cont))
        return RUN_TRAPPED;
    cont_armed = 1;
    fn(arg);
    cont_armed = 0;
    return RUN_RETURNED;
}

long run_plv3(void (*fn)(void))
{
    static const u64 regs[32]; /* fn traps at once: it needs no stack */

    if (setjmp(cont))
        return RUN_TRAPPED;
    cont_armed = 1;
    eret_to(regs, (u64)fn, 3); /* PRMD.PPLV = 3, PIE = 0 */
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
           TLBELO_V | TLBELO_D | TLBELO_MAT_CC);
    s2_auto = 1;
}

void guest_init(struct guest *g, void (*entry)(void), u64 gid)
{
    s2_identity(gid);
    memset(g, 0, sizeof(*g));
    g->gid = gid;
    g->pc = (u64)entry;
    g->r[3] = (u64)&guest_stacks[gid & 3][512];
    gcsrwr(CSR_CRMD, CRMD_DA); /* PLV0, IE off */
    gcsrwr(CSR_PRMD, 0);
    gcsrwr(CSR_EUEN, 0);
    gcsrwr(CSR_ECFG, 0);
    gcsrwr(CSR_ESTAT, 0);
    gcsrwr(CSR_EENTRY, (u64)guest_exc_entry);
    gcsrwr(CSR_TLBRENTRY, (u64)guest_tlbr_entry);
    gcsrwr(CSR_TLBRERA, 0);
    gcsrwr(CSR_TLBRPRMD, 0);
    gcsrwr(CSR_TCFG, 0);
    gcsrwr(CSR_TICLR, TICLR_CLR);
    gcsrwr(CSR_ASID, 0);
    gcsrwr(CSR_STLBPS, 12);
    gcsrwr(CSR_TLBIDX, 0);
    gcsrwr(CSR_DMW0, 0);
    gcsrwr(CSR_DMW1, 0);
    gcsrwr(CSR_DMW2, 0);
    gcsrwr(CSR_DMW3, 0);
}

void guest_paged(struct guest *g, char *entry, char *tlbr, u64 pgdl)
{
    if (tlbr) {
        gcsrwr(CSR_TLBRENTRY, (u64)tlbr);
        gcsrwr(CSR_PWCTL0, 12 | 9 << 5 | 21 << 10 | 9 << 15); /* PTE 4 KiB x 512, Dir1 2 MiB x 512 */
        gcsrwr(CSR_PWCTL1, 0);
        gcsrwr(CSR_PGDL, pgdl);
    }
    gcsrwr(CSR_DMW0, DMW_CODE | DMW_MAT_CC | DMW_PLV0);
    gcsrwr(CSR_EENTRY, DMW_CODE | (u64)guest_exc_entry);
    gcsrwr(CSR_CRMD, CRMD_PG | CRMD_DATF_CC | CRMD_DATM_CC);
    g->pc = DMW_CODE | (u64)entry;
}

u64 guest_gtlbc_extra;
u64 guest_prmd = PRMD_PIE; /* root interrupts enabled in guest mode, as KVM does */

static long guest_enter(u64 *regs, u64 pc, u64 prmd)
{
    if (setjmp(cont))
        return RUN_TRAPPED;
    cont_armed = 1;
    eret_to(regs, pc, prmd);
}

long guest_run(struct guest *g)
{
    csrxchg(CSR_GSTAT, g->gid << GSTAT_GID_SHIFT | GSTAT_PVM, GSTAT_GID_MASK | GSTAT_PVM);
    csrxchg(CSR_GTLBC, g->gid << GTLBC_TGID_SHIFT | GTLBC_USETGID | guest_gtlbc_extra,
            GTLBC_TGID_MASK | GTLBC_USETGID | GTLBC_TOTI);
    long r = guest_enter(g->r, g->pc, guest_prmd);
    memcpy(g->r, trap_regs, sizeof(g->r));
    g->pc = ti.kind == TRAP_TLBR ? (ti.tlbrera & ~3UL) : ti.era;
    /* Back in root: later root TLB writes get GID 0 (KVM switch.S:165-172). */
    csrxchg(CSR_GTLBC, 0, GTLBC_TGID_MASK);
    return r;
}

long guest_run_at(struct guest *g, char *entry, u64 ecfg, u64 crmd)
{
    g->pc = (u64)entry;
    gcsrwr(CSR_ECFG, ecfg);
    gcsrwr(CSR_CRMD, crmd);
    return guest_run(g);
}

long guest_resume_next(struct guest *g)
{
    g->pc += 4;
    return guest_run(g);
}

int exit_hvc(long r, u32 code)
{
    return r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == ECODE_HVC &&
           (u32)ti.badi == HVCL_WORD(code);
}

int exit_tlbr(long r, u64 gpa) { return r == RUN_TRAPPED && ti.kind == TRAP_TLBR && ti.tlbrbadv == gpa; }

int exit_fault(long r, u64 ecode, u64 badv)
{
    return r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == ecode && ti.badv == badv;
}

void main(void)
{
    has_lvz = !!(cpucfg(2) & CPUCFG2_LVZP);
    csrwr(CSR_ECFG, 0);
    csrwr(CSR_EENTRY, (u64)trap_general);
    csrwr(CSR_TLBRENTRY, (u64)trap_tlbr);
    csrwr(CSR_MERRENTRY, (u64)trap_merr);
    csrwr(CSR_STLBPS, 12);
    if (has_lvz) {
        csrwr(CSR_GSTAT, 0);
        csrwr(CSR_GTLBC, GTLBC_USETGID);
        csrwr(CSR_GCFG, 0);
        csrwr(CSR_GINTC, 0);
        csrwr(CSR_GCNTC, 0);
    }
    invtlb(0x0, 0, 0);
    puts_("START lvz conformance program\n");
    tests();
    done();
}
