/* A virtual CPU: pinned 1:1 to a physical CPU (static partitioning). */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include "lib/types.h"
#include "arch/loongarch64/asm_offsets.h"
#include "core/event.h"
#include "arch/loongarch64/vipi.h"

struct zone;

enum vcpu_state {
    VCPU_OFFLINE,  /* CPU not assigned to any zone */
    VCPU_PARKED,   /* waiting for the guest's boot IPI (mailbox protocol) */
    VCPU_RUNNING,
};

struct vcpu {
    /*
     * Register frame, laid out for the vectors (asm_offsets.h). On HVC and
     * interrupt exits only the caller-saved GPRs (r1, r3-r20) are saved
     * here: r2 and r21-r31 stay in the registers, which C preserves, and
     * gpr[] holds stale values for them. Every other exit saves all 32.
     */
    u64 gpr[32];
    u64 pc;
    u64 estat;
    u64 badv;
    u64 badi;
    u64 stack_top;
    u64 tlbr_gpr[32];

    u32 cpu;        /* physical CPU */
    u32 id;         /* index inside its zone = guest CSR.CPUID */
    struct zone *zone;
    volatile enum vcpu_state state;
    struct vipi vipi;          /* the guest's view of its IOCSR IPI block */
    struct event_queue events; /* work sent by other CPUs */
    u64 exits;
    u64 idle_exits;
    u64 exit_causes[64]; /* by ESTAT.Ecode, for HVC_LVISOR_EXIT_COUNT */
    u64 tlb_refills;     /* stage-2 refills (vec_tlbr), which are not exits */
};

_Static_assert(__builtin_offsetof(struct vcpu, pc) == VCPU_PC, "VCPU_PC");
_Static_assert(__builtin_offsetof(struct vcpu, estat) == VCPU_ESTAT, "VCPU_ESTAT");
_Static_assert(__builtin_offsetof(struct vcpu, badv) == VCPU_BADV, "VCPU_BADV");
_Static_assert(__builtin_offsetof(struct vcpu, badi) == VCPU_BADI, "VCPU_BADI");
_Static_assert(__builtin_offsetof(struct vcpu, stack_top) == VCPU_STACK_TOP, "VCPU_STACK_TOP");
_Static_assert(__builtin_offsetof(struct vcpu, tlbr_gpr) == VCPU_TLBR_GPR(0), "VCPU_TLBR_GPR");

/* GPR numbers of the LoongArch calling convention. */
#define REG_RA 1
#define REG_A0 4
#define REG_A1 5
#define REG_A2 6

extern struct vcpu vcpus[MAX_CPUS];

static inline struct vcpu *vcpu_of_cpu(u32 cpu) { return &vcpus[cpu]; }
struct vcpu *this_vcpu(void);

/* Entered from the vectors; returns the vcpu to resume. */
struct vcpu *vcpu_handle_exit(struct vcpu *v);
void vcpu_enter(struct vcpu *v) __attribute__((noreturn));
void vcpu_reset(struct vcpu *v, u64 pc);
void vcpu_run(struct vcpu *v) __attribute__((noreturn));
/* Waits (without spinning) until this vcpu has something to do. */
void vcpu_wait_for_interrupt(struct vcpu *v);
/* Re-derives the guest's IPI line from the emulated IPI block. */
void vcpu_update_ipi_line(struct vcpu *v);

#endif
