/*
 * Emulated MMIO regions of a zone: stage-2 leaves them unmapped, so an access
 * faults; the decoded access is dispatched here by address. A handler may
 * answer at once or later (MMIO_PENDING: a device served elsewhere); the
 * access then carries all its completion needs.
 */
#ifndef CORE_MMIO_H
#define CORE_MMIO_H

#include "lib/types.h"

struct vcpu;

struct mmio_access {
    u64 gpa;
    u64 offset; /* from the region's start */
    u64 value;  /* data written, or filled in by a read */
    u8 size;    /* 1, 2, 4, 8 */
    bool is_write;
    bool sign_extend; /* a read into reg is sign-extended from size */
    u8 reg;           /* target register of a read (0: none) */
};

enum mmio_result {
    MMIO_HANDLED,   /* value filled in (reads); the instruction completes now */
    MMIO_PENDING,   /* answered later by mmio_complete on the vCPU's CPU */
    MMIO_UNHANDLED, /* no region here */
    MMIO_ERROR,     /* a region, but the access is not one it takes */
};

typedef enum mmio_result (*mmio_handler_t)(struct vcpu *v, void *arg, struct mmio_access *a);

#define MMIO_MAX_REGIONS 8

struct mmio_region {
    u64 gpa, size;
    mmio_handler_t handler;
    void *arg;
};

struct mmio_table {
    u32 nr;
    struct mmio_region r[MMIO_MAX_REGIONS];
};

void mmio_table_init(struct mmio_table *t);
bool mmio_register(struct mmio_table *t, u64 gpa, u64 size, mmio_handler_t h, void *arg);
enum mmio_result mmio_dispatch(struct mmio_table *t, struct vcpu *v, struct mmio_access *a);
/* The value a read returns to its register: size bytes, sign-extended if asked. */
u64 mmio_read_result(const struct mmio_access *a);

#endif
