/*
 * Backtrace for panic. lvisor is built without frame pointers (they would
 * cost every exit), so the stack is scanned instead: each word that points
 * just after a `bl` or `jirl $ra` inside lvisor's text is a return address.
 * Stale words may show up too; innermost first, from the current sp up.
 */
#include "core/arch.h"
#include "core/vcpu.h"
#include <arch/csr.h>

extern char __text_start[], __text_end[];

static bool is_call(u32 insn)
{
    bool bl = (insn >> 26) == 0x15;
    bool jirl_ra = (insn >> 26) == 0x13 && (insn & 0x1f) == 1;
    return bl || jirl_ra;
}

u32 arch_backtrace(u64 *pcs, u32 max)
{
    u64 sp;
    __asm__ volatile("move %0, $sp" : "=r"(sp));
    u64 top = vcpu_of_cpu(this_cpu_id())->arch.regs.stack_top;
    u32 n = 0;
    for (u64 p = ALIGN_UP(sp, 8); p + 8 <= top && n < max; p += 8) {
        u64 ra = *(const u64 *)p;
        if (ra < (u64)__text_start + 4 || ra > (u64)__text_end || ra & 3)
            continue;
        if (is_call(*(const u32 *)(ra - 4)))
            pcs[n++] = ra;
    }
    return n;
}
