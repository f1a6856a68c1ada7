/* Console selection (see console.h). */
#include "drivers/console.h"
#include "drivers/ns16550.h"
#include <arch/mm.h>
#include "lib/printf.h"

void console_init(enum console_type type, paddr_t base)
{
    switch (type) {
    case CONSOLE_NS16550:
        ns16550_init((u64)phys_to_io(base));
        console_putc = ns16550_putc;
        break;
    case CONSOLE_NONE:
        break;
    }
}
