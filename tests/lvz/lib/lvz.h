/* lvisor LVZ conformance suite: bare-metal framework interface. */
#ifndef LVZ_H
#define LVZ_H

typedef unsigned long u64;
typedef unsigned int u32;
typedef long s64;

/* Base CSRs */
#define CRMD 0x0
#define PRMD 0x1
#define EUEN 0x2
#define MISC 0x3
#define ECFG 0x4
#define ESTAT 0x5
#define ERA 0x6
#define BADV 0x7
#define BADI 0x8
#define EENTRY 0xc
#define TLBIDX 0x10
#define TLBEHI 0x11
#define TLBELO0 0x12
#define TLBELO1 0x13
#define ASID 0x18
#define PGDL 0x19
#define PGDH 0x1a
#define PGD 0x1b
#define PWCTL0 0x1c
#define PWCTL1 0x1d
#define STLBPS 0x1e
#define RVACFG 0x1f
#define CPUID 0x20
#define PRCFG1 0x21
#define PRCFG2 0x22
#define PRCFG3 0x23
#define KS0 0x30
#define KS1 0x31
#define KS2 0x32
#define TMID 0x40
#define TCFG 0x41
#define TVAL 0x42
#define CNTC 0x43
#define TICLR 0x44
#define LLBCTL 0x60
#define TLBRENTRY 0x88
#define TLBRBADV 0x89
#define TLBRERA 0x8a
#define TLBRSAVE 0x8b
#define TLBRELO0 0x8c
#define TLBRELO1 0x8d
#define TLBREHI 0x8e
#define TLBRPRMD 0x8f
#define MERRCTL 0x90
#define MERRENTRY 0x93
#define DMW0 0x180

/* LVZ root CSRs (lvz.md "Registers") */
#define GTLBC 0x15
#define TRGP 0x16
#define GSTAT 0x50
#define GCFG 0x51
#define GINTC 0x52
#define GCNTC 0x53

#define GTLBC_USETGID (1UL << 12)
#define GTLBC_TOTI (1UL << 13)
#define GSTAT_VM 1UL
#define GSTAT_PVM 2UL

/* ESTAT.Ecode values */
#define EC_INT 0
#define EC_PIL 1
#define EC_PIS 2
#define EC_PIF 3
#define EC_PME 4
#define EC_PNR 5
#define EC_PNX 6
#define EC_PPI 7
#define EC_ADE 8
#define EC_SYS 11
#define EC_BRK 12
#define EC_INE 13
#define EC_IPE 14
#define EC_GSPR 22
#define EC_HVC 23

/* TLBELO bits */
#define ELO_V 1UL
#define ELO_D 2UL
#define ELO_MAT_CC (1UL << 4)
#define ELO_G (1UL << 6)
#define ELO_NR (1UL << 61)
#define ELO_NX (1UL << 62)

#define STR_(x) #x
#define STR(x) STR_(x)

#define csrrd(n) ({ u64 v_; asm volatile("csrrd %0, " STR(n) : "=r"(v_) :: "memory"); v_; })
#define csrwr(n, v) ({ u64 v_ = (v); asm volatile("csrwr %0, " STR(n) : "+r"(v_) :: "memory"); v_; })
/* xchg: rj = 0/1 would encode rd/wr, so the mask is pinned to $t8 */
#define csrxchg(n, v, m) ({ u64 v_ = (v); register u64 m_ asm("$t8") = (m); \
    asm volatile("csrxchg %0, %1, " STR(n) : "+r"(v_) : "r"(m_) : "memory"); v_; })
#define gcsrrd(n) ({ u64 v_; asm volatile("gcsrrd %0, " STR(n) : "=r"(v_) :: "memory"); v_; })
#define gcsrwr(n, v) ({ u64 v_ = (v); asm volatile("gcsrwr %0, " STR(n) : "+r"(v_) :: "memory"); v_; })
#define gcsrxchg(n, v, m) ({ u64 v_ = (v); register u64 m_ asm("$t8") = (m); \
    asm volatile("gcsrxchg %0, %1, " STR(n) : "+r"(v_) : "r"(m_) : "memory"); v_; })

static inline u32 cpucfg(u32 w) { u64 v; asm volatile("cpucfg %0, %1" : "=r"(v) : "r"((u64)w)); return (u32)v; }
static inline u64 rdtime(void) { u64 v; asm volatile("rdtime.d %0, $zero" : "=r"(v)); return v; }
#define invtlb(op, rj, rk) asm volatile("invtlb " STR(op) ", %0, %1" :: "r"((u64)(rj)), "r"((u64)(rk)) : "memory")
static inline void tlbwr(void) { asm volatile("tlbwr" ::: "memory"); }
static inline void tlbrd(void) { asm volatile("tlbrd" ::: "memory"); }
static inline void tlbsrch(void) { asm volatile("tlbsrch" ::: "memory"); }
static inline void gtlbflush(void) { asm volatile("gtlbflush" ::: "memory"); }

/* What the last trap recorded (filled by the vectors before any decision). */
struct trapinfo {
    u64 kind;            /* TRAP_GENERAL / TRAP_TLBR / TRAP_MERR */
    u64 estat, era, badv, badi, gstat, crmd, prmd;
    u64 tlbrbadv, tlbrera, tlbrehi;
    u64 count;           /* traps seen since boot */
};
#define TRAP_GENERAL 0
#define TRAP_TLBR 1
#define TRAP_MERR 2
#define ECODE(ti) (((ti)->estat >> 16) & 0x3f)
#define ESUBCODE(ti) (((ti)->estat >> 22) & 0x1ff)

extern volatile struct trapinfo ti;
/* General registers of whoever trapped last (the guest after an exit). r[0] unused. */
extern u64 tf[32];

/* Return value of run_catch / guest_run */
#define RUN_RETURNED 0  /* code returned normally (run_catch only) */
#define RUN_TRAPPED 1   /* a trap was taken and aborted to the continuation */

/* Call fn(arg) in root mode; a trap aborts it and run_catch returns RUN_TRAPPED. */
long run_catch(void (*fn)(void *), void *arg);
/* Enter fn at PLV3 (root, DA); it must trap; returns RUN_TRAPPED. */
long run_plv3(void (*fn)(void));

/* Optional hook: return 1 to resume the trapped context with ertn (tf may be edited). */
extern int (*trap_hook)(volatile struct trapinfo *);

/* ---- console and checks ---- */
void putc(char c);
void puts(const char *s);
void puthex(u64 v);
void putdec(u64 v);
void check(const char *name, int ok, const char *what, u64 got, u64 want);
#define CHECK_EQ(name, got, want) check(name, (u64)(got) == (u64)(want), #got, (u64)(got), (u64)(want))
#define CHECK_TRUE(name, cond, got) check(name, !!(cond), #cond, (u64)(got), 1)
void done(void) __attribute__((noreturn));
void poweroff(void) __attribute__((noreturn));
void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);

/* ---- LVZ helpers ---- */
int lvz_present(void);
/* Stage-2 software map used by the TLBR handler when s2_auto is set. */
#define S2_MAX 16
struct s2region { u64 gpa, hpa, size, elo_flags; u64 gid; };
extern struct s2region s2map[S2_MAX];
extern int s2_nr;
extern volatile int s2_auto;
extern volatile u64 s2_refills;
void s2_add(u64 gid, u64 gpa, u64 hpa, u64 size, u64 elo_flags);
void s2_reset(void);
/* Write one root TLB entry tagged with gid (USETGID) at MTLB slot idx (0..63). */
void s2_write(int slot, u64 gid, u64 va, u64 elo0, u64 elo1, int ps);
void tlb_flush_all(void);

/* A guest: gid, entry pc (GPA/GVA), guest CSRs set by guest_init. */
struct guest { u64 gid; u64 pc; u64 r[32]; };
extern char guest_exc_entry[], guest_tlbr_entry[];
/* Zero the guest CSRs that matter and point guest EENTRY/TLBRENTRY at the shared reporters. */
void guest_init(struct guest *g, void (*entry)(void), u64 gid);
/* Enter guest g at g->pc; returns RUN_TRAPPED on the first exit, with tf = guest GPRs and g->r updated. */
long guest_run(struct guest *g);
/* Re-enter after an exit at ERA + 4 (HVC/GSPR emulation). */
long guest_resume_next(struct guest *g);
/* Run until an exit that is not HVC 0x7ff (=keep going); helper loops. */

/* hvcl codes used by the shared guest snippets */
#define HVC_DONE 0      /* guest finished its snippet: results in a0.. */
#define HVC_GEXC 0x7f1  /* guest exception reporter: a0=ESTAT a1=ERA a2=BADV a3=BADI */
#define HVC_GTLBR 0x7f2 /* guest TLB refill reporter: a0=TLBRBADV a1=TLBRERA */
#define HVCL_WORD(c) (0x002b8000u | (c))

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
