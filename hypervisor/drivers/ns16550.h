/* ns16550 early console (byte-spaced registers, as on QEMU virt). */
#ifndef DRIVERS_NS16550_H
#define DRIVERS_NS16550_H

#include "lib/types.h"

void ns16550_init(u64 base_va);
void ns16550_putc(char c);

#endif
