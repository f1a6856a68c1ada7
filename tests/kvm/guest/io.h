/* Output through the VMM's MMIO registers. */
#ifndef GUEST_IO_H
#define GUEST_IO_H

#include <stdint.h>

void puts(const char *s);
void put_hex(uint64_t v);
uint64_t mmio_read32(unsigned long addr);

#endif
