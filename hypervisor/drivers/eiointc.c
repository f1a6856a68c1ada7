/* EIOINTC pass-through for the zone owning the board's devices (see eiointc.h). */
#include "drivers/eiointc.h"
#include <arch/csr.h>

void eiointc_access(u64 iocsr, u32 size, bool is_write, u64 *val)
{
    if (is_write)
        iocsr_write(iocsr, size, *val);
    else
        *val = iocsr_read(iocsr, size);
}

void eiointc_any_send(u64 send_val, u32 phys_cpu)
{
    /* the guest named its vCPU: the hardware wants the physical CPU behind it */
    u64 phys = (send_val & ~(0x3ffUL << 16)) | (u64)phys_cpu << 16;
    iocsr_write(IOCSR_ANY_SEND, 8, phys);
}
