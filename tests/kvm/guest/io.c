/* MMIO accessors: each access is a stage-2 miss that KVM turns into a
 * KVM_EXIT_MMIO, decoding the st.b / ld.wu from the trapped instruction.
 * The console is the library's, on the VMM's putc register. */
#include <baremetal/console.h>

#include "io.h"
#include "../abi.h"

void putc_(char c) { *(volatile unsigned char *)MMIO_PUTC = (unsigned char)c; }

u64 mmio_read32(unsigned long addr) { return *(volatile u32 *)addr; }

void vmm_exit(u64 status)
{
    *(volatile u64 *)MMIO_EXIT = status;
    for (;;)
        ;
}
