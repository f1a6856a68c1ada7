/* The C library's setjmp/longjmp: the callee-saved registers, sp and ra.
 * A trap handler uses longjmp to abandon the context that trapped. */
#ifndef BAREMETAL_SETJMP_H
#define BAREMETAL_SETJMP_H

#include <baremetal/types.h>

typedef u64 jmp_buf[12]; /* ra, sp, fp, s0-s8 */

long setjmp(jmp_buf jb) __attribute__((returns_twice));
void longjmp(jmp_buf jb, long v) __attribute__((noreturn));

#endif
