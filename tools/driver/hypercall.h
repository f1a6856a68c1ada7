/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one way the driver enters lvisor: hvcl 0 with the code in a0 and the
 * arguments in a1/a2; the result comes back in a0.
 */
#ifndef LVISOR_DRIVER_HYPERCALL_H
#define LVISOR_DRIVER_HYPERCALL_H

#include <linux/types.h>
#include <lvisor/hypercall.h>

static inline long lvisor_hvc(unsigned long code, unsigned long arg0, unsigned long arg1)
{
    register unsigned long a0 asm("$a0") = code;
    register unsigned long a1 asm("$a1") = arg0;
    register unsigned long a2 asm("$a2") = arg1;

    /*
     * Raw word: the toolchain may lack the hvcl mnemonic. a1/a2 are in/out
     * so the compiler never assumes they survive, and "memory" because lvisor
     * reads and writes the buffers whose physical addresses it is given.
     */
    asm volatile(".word 0x002b8000 /* hvcl 0 */" : "+r"(a0), "+r"(a1), "+r"(a2) : : "memory");
    return (long)a0;
}

#endif
