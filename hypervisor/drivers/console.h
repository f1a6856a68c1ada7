/* lvisor's console: the platform names a type and a base, this picks the driver. */
#ifndef DRIVERS_CONSOLE_H
#define DRIVERS_CONSOLE_H

#include "lib/types.h"
#include "core/platform.h"

void console_init(enum console_type type, paddr_t base);

#endif
