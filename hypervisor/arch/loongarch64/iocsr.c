/*
 * IOCSR policy for guests. The IPI block is emulated per vCPU (vipi.c); the
 * interrupt-controller registers of the root zone pass through; the rest is
 * refused (reads 0, writes dropped, logged).
 */
#include "arch/loongarch64/exit.h"
#include "arch/loongarch64/vipi.h"
#include "arch/loongarch64/csr.h"
#include "arch/loongarch64/cpu.h"
#include "core/vcpu.h"
#include "core/zone.h"
#include "lib/printf.h"

#define IOCSR_FEATURES 0x8
#define IOCSR_VENDOR 0x10
#define IOCSR_CPUNAME 0x20
#define IOCSR_MISC_FUNC 0x420
#define IOCSR_EIOINTC_START 0x1400
#define IOCSR_EIOINTC_END 0x1d00
#define IOCSRF_VM BIT(11)
#define IOCSRF_AVEC BIT(15)
#define MISC_FUNC_EXT_IOI_EN BIT(48)

static u64 phys_read(u64 addr, u32 size)
{
    u64 v = 0;
    switch (size) {
    case 1: __asm__ volatile("iocsrrd.b %0, %1" : "=r"(v) : "r"(addr)); break;
    case 2: __asm__ volatile("iocsrrd.h %0, %1" : "=r"(v) : "r"(addr)); break;
    case 4: __asm__ volatile("iocsrrd.w %0, %1" : "=r"(v) : "r"(addr)); break;
    default: __asm__ volatile("iocsrrd.d %0, %1" : "=r"(v) : "r"(addr)); break;
    }
    return v;
}

static void phys_write(u64 addr, u32 size, u64 v)
{
    switch (size) {
    case 1: __asm__ volatile("iocsrwr.b %0, %1" ::"r"(v), "r"(addr) : "memory"); break;
    case 2: __asm__ volatile("iocsrwr.h %0, %1" ::"r"(v), "r"(addr) : "memory"); break;
    case 4: __asm__ volatile("iocsrwr.w %0, %1" ::"r"(v), "r"(addr) : "memory"); break;
    default: __asm__ volatile("iocsrwr.d %0, %1" ::"r"(v), "r"(addr) : "memory"); break;
    }
}

static u32 refused_count;

static bool refuse(struct vcpu *v, u64 addr, u32 size, bool is_write, u64 val)
{
    /* rate-limited: a guest looping on a bad register must not flood the console */
    if (refused_count++ < 16)
        pr_warn("zone %u vCPU %u: IOCSR %s%u %lx (%lx) refused at pc %lx\n", v->zone->id, v->id,
                is_write ? "write" : "read", size * 8, addr, val, v->pc);
    return false;
}

static void kick_vcpu(struct vcpu *from, struct vcpu *to)
{
    if (to == from)
        vcpu_update_ipi_line(from);
    else
        ipi_send(to->cpu);
}

static bool ipi_send_emulate(struct vcpu *v, u64 val)
{
    struct vcpu *t = zone_vcpu(v->zone, ipi_send_cpu(val));
    if (!t)
        return false;
    vipi_raise(&t->vipi, 1u << ipi_send_vector(val));
    kick_vcpu(v, t);
    return true;
}

static bool mail_send_emulate(struct vcpu *v, u64 val)
{
    struct vcpu *t = zone_vcpu(v->zone, ipi_send_cpu(val));
    if (!t)
        return false;
    vipi_mail_store(&t->vipi, mail_send_word(val), val);
    return true;
}

/* ANY_SEND: a 32-bit store into another CPU's IOCSR space. */
static bool any_send_emulate(struct vcpu *v, u64 val)
{
    struct vcpu *t = zone_vcpu(v->zone, ipi_send_cpu(val));
    u32 addr = any_send_addr(val);
    if (!t)
        return false;
    if (addr >= IOCSR_MBUF0 && addr < IOCSR_MBUF_END && !(addr & 3)) {
        vipi_mail_store(&t->vipi, (addr - IOCSR_MBUF0) / 4, val);
        return true;
    }
    if (addr == IOCSR_IPI_SET) {
        vipi_raise(&t->vipi, (u32)(val >> 32));
        kick_vcpu(v, t);
        return true;
    }
    if (addr >= IOCSR_EIOINTC_START && addr < IOCSR_EIOINTC_END && v->zone->id == 0) {
        /* retarget to the physical CPU behind the guest's vCPU */
        u64 phys = (val & ~(0x3ffUL << 16)) | (u64)t->cpu << 16;
        phys_write(IOCSR_ANY_SEND, 8, phys);
        return true;
    }
    return false;
}

bool iocsr_emulate(struct vcpu *v, u64 addr, u32 size, bool is_write, u64 *val)
{
    bool root = v->zone->id == 0;

    if (addr >= IOCSR_IPI_STATUS && addr < IOCSR_MBUF_END) {
        bool ok = is_write ? vipi_write(&v->vipi, (u32)addr, size, *val)
                           : vipi_read(&v->vipi, (u32)addr, size, val);
        if (ok && is_write)
            vcpu_update_ipi_line(v);
        return ok ? true : refuse(v, addr, size, is_write, *val);
    }
    if (is_write && (size == 4 || size == 8)) {
        bool ok = true;
        if (addr == IOCSR_IPI_SEND)
            ok = ipi_send_emulate(v, *val);
        else if (addr == IOCSR_MBUF_SEND)
            ok = mail_send_emulate(v, *val);
        else if (addr == IOCSR_ANY_SEND)
            ok = any_send_emulate(v, *val);
        else
            goto not_send;
        return ok ? true : refuse(v, addr, size, is_write, *val);
    }
not_send:
    if (addr >= IOCSR_EIOINTC_START && addr < IOCSR_EIOINTC_END && root) {
        if (is_write)
            phys_write(addr, size, *val);
        else
            *val = phys_read(addr, size);
        return true;
    }
    if (!is_write && (addr == IOCSR_FEATURES || addr == IOCSR_VENDOR || addr == IOCSR_CPUNAME ||
                      addr == 0x0 || addr == IOCSR_FEATURES + 4 || addr == IOCSR_VENDOR + 4 ||
                      addr == IOCSR_CPUNAME + 4)) {
        *val = phys_read(addr, size);
        if (addr == IOCSR_FEATURES)
            *val &= ~(IOCSRF_VM | IOCSRF_AVEC);
        return true;
    }
    if (addr == IOCSR_MISC_FUNC && size == 8) {
        u64 cur = phys_read(addr, 8);
        if (!is_write) {
            *val = cur;
            return true;
        }
        if (root && !((*val ^ cur) & ~MISC_FUNC_EXT_IOI_EN)) {
            phys_write(addr, 8, *val);
            return true;
        }
    }
    return refuse(v, addr, size, is_write, *val);
}
