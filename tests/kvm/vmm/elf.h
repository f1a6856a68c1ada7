#ifndef VMM_ELF_H
#define VMM_ELF_H

#include "kvm.h"

/* Copies the PT_LOAD segments of a static ELF into guest RAM at their
 * physical addresses and returns the entry point. */
uint64_t elf_load(struct vm *vm, const char *path);

#endif
