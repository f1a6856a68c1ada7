/*
 * For bare-metal programs that lvisor boots as a zone's kernel on QEMU virt
 * (tests/hypervisor/guest, bench/hypercall, bench/timer-latency): the
 * bare-metal library's console, CSR access and board, and lvisor's
 * hypercall (numbers from include/lvisor/hypercall.h).
 */
#ifndef ZONE_GUEST_H
#define ZONE_GUEST_H

#include <baremetal/console.h>
#include <baremetal/csr.h>
#include <baremetal/virt.h>
#include <lvisor/hypercall.h>

/* hvcl 0 with a0 = code, a1/a2 = arguments; lvisor's result comes back in a0. */
static inline s64 hvc(u64 code, u64 a1, u64 a2)
{
    register u64 a0 __asm__("$a0") = code;
    register u64 r1 __asm__("$a1") = a1;
    register u64 r2 __asm__("$a2") = a2;
    __asm__ volatile("hvcl 0" : "+r"(a0) : "r"(r1), "r"(r2) : "memory");
    return (s64)a0;
}

#endif
