/*
 * Emulated MMIO regions of a zone: stage-2 leaves them unmapped, so an access
 * faults; the decoded access is dispatched here by address.
 */
#ifndef CORE_MMIO_H
#define CORE_MMIO_H

#include "lib/types.h"

struct vcpu;

struct mmio_access {
    u64 offset;   /* from the region's start */
    u64 value;    /* data written, or filled in by a read */
    u8 size;
    bool is_write;
};

enum mmio_result { MMIO_HANDLED, MMIO_UNHANDLED, MMIO_ERROR };

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

bool mmio_register(struct mmio_table *t, u64 gpa, u64 size, mmio_handler_t h, void *arg);
enum mmio_result mmio_dispatch(struct mmio_table *t, struct vcpu *v, u64 gpa, struct mmio_access *a);

#endif
