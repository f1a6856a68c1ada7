/*
 * Stage-2 faults: the guest touched a GPA whose root TLB entry is invalid
 * (the refill handler fills holes with V = 0). Emulated MMIO is dispatched;
 * anything else is outside the zone: logged, and the guest gets the
 * architectural error while lvisor carries on. A fetch fault at the guest's
 * own exception entry cannot be reported to it: that is fatal to the zone.
 */
#include "exit.h"
#include "insn.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include <arch/csr.h>
#include <arch/mm.h>
#include "lib/bits.h"
#include "lib/printf.h"

static u32 violations_logged;

/* The guest can take no exception when its vectors themselves are outside its memory. */
static bool at_exception_entry(u64 pc)
{
    return pc == guest_exception_vector(ECODE_ADE) || pc == gcsr_read(CSR_EENTRY) ||
           pc == gcsr_read(CSR_TLBRENTRY);
}

static enum exit_result refuse_access(struct vcpu *v, u32 ecode, u64 gpa, const struct mem_insn *m,
                                      bool decoded)
{
    const u64 *gpr = v->arch.regs.gpr;
    u64 pc = v->arch.regs.pc;
    if (ecode == ECODE_PIF && at_exception_entry(pc))
        zone_park(v->zone, v, "exception entry %lx outside the zone's memory", pc);
    /* The guest's virtual address: recomputed from the instruction when possible. */
    u64 va = gpa | DMW_CACHED_BASE;
    if (decoded)
        va = gpr[m->rj] + (m->mode == ADDR_IMM ? (u64)m->imm : gpr[m->rk]);
    if (ecode == ECODE_PIF)
        va = pc;
    if (violations_logged++ < 32)
        pr_warn("zone %u vCPU %u: %s of GPA %lx outside its memory (pc %lx): refused\n",
                v->zone->id, v->id,
                ecode == ECODE_PIS   ? "write"
                : ecode == ECODE_PIF ? "fetch"
                                     : "read",
                gpa, pc);
    /*
     * An address error, in either mode: the guest's page-fault path would take
     * a page-table fault for a stale TLB entry, refill it and retry forever.
     * User code gets SIGBUS; the kernel oopses the offending task and goes on.
     */
    inject_exception(v, ECODE_ADE, ecode == ECODE_PIF ? ESUBCODE_ADEF : ESUBCODE_ADEM, va, true);
    return EXIT_RESUME;
}

enum exit_result exit_stage2_fault(struct vcpu *v, u32 ecode)
{
    struct vcpu_regs *r = &v->arch.regs;
    u64 gpa = r->badv;
    struct mem_insn m;
    bool decoded = ecode != ECODE_PIF && r->badi && insn_decode_mem((u32)r->badi, &m);

    if (decoded) {
        struct mmio_access *a = &v->mmio;
        *a = (struct mmio_access){
            .gpa = gpa,
            .size = m.size,
            .is_write = m.is_write,
            .sign_extend = m.sign_extend,
            .reg = m.is_write ? 0 : m.rd,
            .value = m.is_write ? zero_extend(r->gpr[m.rd], 8u * m.size) : 0,
        };
        switch (mmio_dispatch(&v->zone->mmio, v, a)) {
        case MMIO_HANDLED:
            if (a->reg)
                r->gpr[a->reg] = mmio_read_result(a);
            return EXIT_DONE;
        case MMIO_PENDING:
            v->mmio_pending = true;
            return EXIT_PENDING;
        case MMIO_UNHANDLED:
        case MMIO_ERROR:
            break;
        }
    }
    return refuse_access(v, ecode, gpa, &m, decoded);
}
