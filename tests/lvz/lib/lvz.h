/* lvisor LVZ conformance suite: the framework's interface (lib/), on top of
 * the bare-metal library (guests/baremetal). */
#ifndef LVZ_H
#define LVZ_H

#include <baremetal/console.h>
#include <baremetal/csr.h>
#include <baremetal/insn.h>
#include <baremetal/trap.h>

/* What the last trap recorded (filled by trap() before any decision). */
struct trapinfo {
    u64 kind; /* TRAP_GENERAL / TRAP_TLBR / TRAP_MERR */
    u64 estat, era, badv, badi, gstat, crmd, prmd;
    u64 tlbrbadv, tlbrera, tlbrehi;
    u64 count; /* traps seen since boot */
};
#define ECODE(ti) (((ti)->estat & ESTAT_ECODE_MASK) >> ESTAT_ECODE_SHIFT)
#define ESUBCODE(ti) ((ti)->estat >> ESTAT_ESUBCODE_SHIFT & 0x1ff)

extern volatile struct trapinfo ti;
/* The general registers of whoever trapped last (the guest after an exit) are
 * trap_regs (trap.h). */

/* Return value of run_catch / guest_run */
#define RUN_RETURNED 0 /* code returned normally (run_catch only) */
#define RUN_TRAPPED 1  /* a trap was taken and aborted to the continuation */

/* Call fn(arg) in root mode; a trap aborts it and run_catch returns RUN_TRAPPED. */
long run_catch(void (*fn)(void *), void *arg);
/* Enter fn at PLV3 (root, DA); it must trap; returns RUN_TRAPPED. */
long run_plv3(void (*fn)(void));

/* Optional hook: return 1 to resume the trapped context with ertn (trap_regs may be edited). */
extern int (*trap_hook)(volatile struct trapinfo *);

/* ---- console and checks ---- */
void check(const char *name, int ok, const char *what, u64 got, u64 want);
#define CHECK_EQ(name, got, want) check(name, (u64)(got) == (u64)(want), #got, (u64)(got), (u64)(want))
#define CHECK_TRUE(name, cond, got) check(name, !!(cond), #cond, (u64)(got), 1)
/* A check the program cannot make here: printed as a failure with the reason,
 * so that it never passes silently. */
void cannot_check(const char *name, const char *why);
void done(void) __attribute__((noreturn));
void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);
/* The instruction word at p (a snippet's label). */
static inline u32 insn_word(const char *p) { return *(const volatile u32 *)p; }

/* ---- LVZ helpers ---- */
int lvz_present(void);
/* Stage-2 software map used by the TLBR handler when s2_auto is set. */
#define S2_MAX 16
struct s2region {
    u64 gpa, hpa, size, elo_flags;
    u64 gid;
};
extern struct s2region s2map[S2_MAX];
extern int s2_nr;
extern volatile int s2_auto;
extern volatile u64 s2_refills;
void s2_add(u64 gid, u64 gpa, u64 hpa, u64 size, u64 elo_flags);
void s2_reset(void);
/* Write one root TLB entry tagged with gid (USETGID) at MTLB slot idx (0..63). */
void s2_write(int slot, u64 gid, u64 va, u64 elo0, u64 elo1, int ps);
void tlb_flush_all(void);
/* Root tlbsrch for va among the entries of gid (GTLBC.TGID = gid, 0 again
 * after): returns TLBIDX, whose bit 31 (NE) is set on a miss. */
u64 tlb_search(u64 gid, u64 va);
/* The same, then tlbrd of the entry found, which loads TLBEHI, TLBELO0/1,
 * TLBIDX.PS and TRGP. */
u64 tlb_search_read(u64 gid, u64 va);
#define TLBIDX_NE (1UL << 31)
#define TLBIDX_PS(idx) ((idx) >> 24 & 0x3f)

/* A guest: gid, entry pc (GPA/GVA), guest CSRs set by guest_init. */
struct guest {
    u64 gid;
    u64 pc;
    u64 r[32];
};
extern char guest_exc_entry[], guest_tlbr_entry[];
/* Zero the guest CSRs that matter and point guest EENTRY/TLBRENTRY at the shared reporters. */
void guest_init(struct guest *g, void (*entry)(void), u64 gid);
/* Paged guest (guest CRMD.PG, cached): code through guest DMW0 at DMW_CODE | its
 * physical address, the guest's own TLB refills at tlbr (if non-zero) walking the
 * 2-level table at GPA pgdl. Starts at the snippet entry. */
#define DMW_CODE 0x9000000000000000UL
void guest_paged(struct guest *g, char *entry, char *tlbr, u64 pgdl);
/* Enter guest g at g->pc; returns RUN_TRAPPED on the first exit, with trap_regs = guest GPRs and g->r updated. */
long guest_run(struct guest *g);
/* guest_run at entry, with guest ECFG and CRMD set first. */
long guest_run_at(struct guest *g, char *entry, u64 ecfg, u64 crmd);
/* Re-enter after an exit at ERA + 4 (HVC/GSPR emulation). */
long guest_resume_next(struct guest *g);
extern u64 guest_gtlbc_extra; /* e.g. GTLBC.TOTI for one test */

/* hvcl codes used by the shared guest snippets */
#define HVC_DONE 0      /* guest finished its snippet: results in a0.. */
#define HVC_GEXC 0x7f1  /* guest exception reporter: a0=ESTAT a1=ERA a2=BADV a3=BADI */
#define HVC_GTLBR 0x7f2 /* guest TLB refill reporter: a0=TLBRBADV a1=TLBRERA */
#define HVCL_WORD(c) (0x002b8000u | (c))
/* The last run ended in an HVC exit from `hvcl code`. */
int exit_hvc(long r, u32 code);
/* The last run ended in a root TLB refill (stage-2 miss) at gpa. */
int exit_tlbr(long r, u64 gpa);
/* The last run ended in a general exception with this Ecode and BADV. */
int exit_fault(long r, u64 ecode, u64 badv);

/* Snippets of lib/guest.S: inputs in a1.., result in a0, end with hvcl 0. */
extern char g_ld[], g_st[], g_estat[], g_spin[], g_spin_loop[], g_walk_tlbr[];

#define A0 4
#define A1 5
#define A2 6
#define A3 7
#define A4 8
#define A5 9
#define A6 10
#define A7 11
#define T0 12
#define T1 13

/* Every program defines this. */
void tests(void);

#endif
