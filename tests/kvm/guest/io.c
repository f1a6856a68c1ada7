/* MMIO accessors: each access is a stage-2 miss that KVM turns into a
 * KVM_EXIT_MMIO, decoding the st.b / ld.wu from the trapped instruction. */
#include "io.h"
#include "../abi.h"

void puts(const char *s)
{
    while (*s)
        *(volatile uint8_t *)MMIO_PUTC = (uint8_t)*s++;
}

void put_hex(uint64_t v)
{
    char buf[19] = "0x";
    for (int i = 0; i < 16; i++)
        buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
    buf[18] = 0;
    puts(buf);
}

uint64_t mmio_read32(unsigned long addr) { return *(volatile uint32_t *)addr; }
