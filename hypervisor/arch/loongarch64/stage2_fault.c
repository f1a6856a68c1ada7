/*
 * Stage-2 faults: the guest touched a GPA whose root TLB entry is invalid
 * (the refill handler fills holes with V = 0). Emulated MMIO is dispatched;
 * anything else is outside the zone: logged, and the guest gets the
 * architectural error while lvisor carries on.
 */
#include "arch/loongarch64/exit.h"
#include "arch/loongarch64/insn.h"
#include "arch/loongarch64/csr.h"
#include "arch/loongarch64/cpu.h"
#include "arch/loongarch64/asm_offsets.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include "core/mmio.h"
#include "lib/printf.h"

static u32 violations_logged;

static u64 sized(u64 v, u32 size, bool sign)
{
    if (size >= 8)
        return v;
    u64 shift = 64 - 8 * size;
    return sign ? (u64)((s64)(v << shift) >> shift) : (v << shift) >> shift;
}

static void refuse_access(struct vcpu *v, u32 ecode, u64 gpa, const struct mem_insn *m, bool decoded)
{
    /* The guest's virtual address: recomputed from the instruction when possible. */
    u64 va = gpa | DMW_CACHED_BASE;
    if (decoded)
        va = v->gpr[m->rj] + (m->mode == ADDR_IMM ? (u64)m->imm : v->gpr[m->rk]);
    if (ecode == ECODE_PIF)
        va = v->pc;
    if (violations_logged++ < 32)
        pr_warn("zone %u vCPU %u: %s of GPA %lx outside its memory (pc %lx): refused\n",
                v->zone->id, v->id, ecode == ECODE_PIS ? "write" : ecode == ECODE_PIF ? "fetch" : "read",
                gpa, v->pc);
    /*
     * An address error, in either mode: the guest's page-fault path would take
     * a page-table fault for a stale TLB entry, refill it and retry forever.
     * User code gets SIGBUS; the kernel oopses the offending task and goes on.
     */
    inject_exception(v, ECODE_ADE, ecode == ECODE_PIF ? ESUBCODE_ADEF : ESUBCODE_ADEM, va, true);
}

void stage2_fault_handle(struct vcpu *v, u32 ecode)
{
    u64 gpa = v->badv;
    struct mem_insn m;
    bool decoded = ecode != ECODE_PIF && v->badi && insn_decode_mem((u32)v->badi, &m);

    if (decoded) {
        struct mmio_access a = {
            .size = m.size,
            .is_write = m.is_write,
            .value = m.is_write ? sized(v->gpr[m.rd], m.size, false) : 0,
        };
        enum mmio_result r = mmio_dispatch(&v->zone->mmio, v, gpa, &a);
        if (r == MMIO_HANDLED) {
            if (!m.is_write && m.rd)
                v->gpr[m.rd] = sized(a.value, m.size, m.sign_extend);
            v->pc += 4;
            return;
        }
    }
    refuse_access(v, ecode, gpa, &m, decoded);
}
