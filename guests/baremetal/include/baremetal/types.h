/* Integer types of the bare-metal library (LP64: long is 64 bits). */
#ifndef BAREMETAL_TYPES_H
#define BAREMETAL_TYPES_H

typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef long s64;

#endif
