/*
 * IOCSR policy for guests. The IPI block is emulated per vCPU (vipi.c); the
 * interrupt controller of the zone owning the board's devices passes through
 * (drivers/eiointc.c); a few read-only identification registers are shown;
 * the rest is refused (reads 0, writes dropped, logged).
 */
#include "exit.h"
#include "core/arch.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include "drivers/eiointc.h"
#include <arch/csr.h>
#include "lib/printf.h"

#define IOCSR_FEATURES       0x8
#define IOCSR_VENDOR         0x10
#define IOCSR_CPUNAME        0x20
#define IOCSR_MISC_FUNC      0x420
#define IOCSRF_VM            BIT(11)
#define IOCSRF_AVEC          BIT(15)
#define MISC_FUNC_EXT_IOI_EN BIT(48)

static u32 refused_count;

static bool refuse(struct vcpu *v, u64 addr, u32 size, bool is_write, u64 val)
{
    /* rate-limited: a guest looping on a bad register must not flood the console */
    if (refused_count++ < 16)
        pr_warn("zone %u vCPU %u: IOCSR %s%u %lx (%lx) refused at pc %lx\n", v->zone->id, v->id,
                is_write ? "write" : "read", size * 8, addr, val, v->arch.regs.pc);
    return false;
}

static void kick_vcpu(struct vcpu *from, struct vcpu *to)
{
    if (to == from)
        vcpu_arch_update_ipi_line(from);
    else
        arch_ipi_send(to->cpu);
}

static bool ipi_send_emulate(struct vcpu *v, u64 val)
{
    struct vcpu *t = zone_vcpu(v->zone, ipi_send_cpu(val));
    if (!t)
        return false;
    vipi_raise(&t->arch.vipi, 1u << ipi_send_vector(val));
    kick_vcpu(v, t);
    return true;
}

static bool mail_send_emulate(struct vcpu *v, u64 val)
{
    struct vcpu *t = zone_vcpu(v->zone, ipi_send_cpu(val));
    if (!t)
        return false;
    vipi_mail_store(&t->arch.vipi, mail_send_word(val), val);
    return true;
}

/* The zone that owns the board's devices (and so their interrupt controller). */
static bool owns_devices(const struct zone *z) { return z->id == 0; }

/* ANY_SEND: a 32-bit store into another CPU's IOCSR space. */
static bool any_send_emulate(struct vcpu *v, u64 val)
{
    struct vcpu *t = zone_vcpu(v->zone, ipi_send_cpu(val));
    u32 addr = any_send_addr(val);
    if (!t)
        return false;
    if (addr >= IOCSR_MBUF0 && addr < IOCSR_MBUF_END && !(addr & 3)) {
        vipi_mail_store(&t->arch.vipi, (addr - IOCSR_MBUF0) / 4, val);
        return true;
    }
    if (addr == IOCSR_IPI_SET) {
        vipi_raise(&t->arch.vipi, (u32)(val >> 32));
        kick_vcpu(v, t);
        return true;
    }
    if (eiointc_owns(addr) && owns_devices(v->zone)) {
        eiointc_any_send(val, t->cpu);
        return true;
    }
    return false;
}

static bool is_id_register(u64 addr)
{
    return addr == 0x0 || addr == IOCSR_FEATURES || addr == IOCSR_VENDOR || addr == IOCSR_CPUNAME ||
           addr == IOCSR_FEATURES + 4 || addr == IOCSR_VENDOR + 4 || addr == IOCSR_CPUNAME + 4;
}

bool iocsr_emulate(struct vcpu *v, u64 addr, u32 size, bool is_write, u64 *val)
{
    struct vipi *p = &v->arch.vipi;
    if (addr >= IOCSR_IPI_STATUS && addr < IOCSR_MBUF_END) {
        bool ok =
            is_write ? vipi_write(p, (u32)addr, size, *val) : vipi_read(p, (u32)addr, size, val);
        if (ok && is_write)
            vcpu_arch_update_ipi_line(v);
        return ok ? true : refuse(v, addr, size, is_write, *val);
    }
    if (is_write && (size == 4 || size == 8) &&
        (addr == IOCSR_IPI_SEND || addr == IOCSR_MBUF_SEND || addr == IOCSR_ANY_SEND)) {
        bool ok = addr == IOCSR_IPI_SEND    ? ipi_send_emulate(v, *val)
                  : addr == IOCSR_MBUF_SEND ? mail_send_emulate(v, *val)
                                            : any_send_emulate(v, *val);
        return ok ? true : refuse(v, addr, size, is_write, *val);
    }
    if (eiointc_owns(addr) && owns_devices(v->zone)) {
        eiointc_access(addr, size, is_write, val);
        return true;
    }
    if (!is_write && is_id_register(addr)) {
        *val = iocsr_read(addr, size);
        if (addr == IOCSR_FEATURES)
            *val &= ~(IOCSRF_VM | IOCSRF_AVEC);
        return true;
    }
    if (addr == IOCSR_MISC_FUNC && size == 8) {
        u64 cur = iocsr_read(addr, 8);
        if (!is_write) {
            *val = cur;
            return true;
        }
        if (owns_devices(v->zone) && !((*val ^ cur) & ~MISC_FUNC_EXT_IOI_EN)) {
            iocsr_write(addr, 8, *val);
            return true;
        }
    }
    return refuse(v, addr, size, is_write, *val);
}
