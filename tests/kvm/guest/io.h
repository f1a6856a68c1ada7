/* The VMM's MMIO registers (../abi.h): console output, a magic word, the exit status. */
#ifndef GUEST_IO_H
#define GUEST_IO_H

#include <baremetal/types.h>

u64 mmio_read32(unsigned long addr);
/* Ends the run: kvm-vmm exits with this status. */
void vmm_exit(u64 status) __attribute__((noreturn));

#endif
