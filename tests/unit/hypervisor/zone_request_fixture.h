/*
 * What both zone_request tests start from: a QEMU virt platform's rules
 * with zone 2 running, and a good request for zone 1 modelled on hvisor's
 * ls3a5000 zone1 (two 256 MiB RAM windows, the UART page, PCH-PIC, RTC,
 * two virtio windows, low RAM at GPA 0).
 */
#ifndef ZONE_REQUEST_FIXTURE_H
#define ZONE_REQUEST_FIXTURE_H

#include "core/zone_request.h"

#define FX_HV_BASE        0x0f000000UL /* lvisor, as on QEMU virt */
#define FX_HV_SIZE        0x01000000UL
#define FX_ZONE2_RAM      0x140000000UL /* zone 2 runs on CPU 2 with 128 MiB here */
#define FX_ZONE2_RAM_SIZE 0x08000000UL
#define FX_GOOD_REGIONS   8

extern const struct phys_range fx_zone_ram[2];
extern const struct phys_range fx_io[3];
extern const struct zone_request_rules fx_rules;

/* The good request: zone 1, CPU 1, "linux1". */
struct lvisor_zone_config fx_good(void);
/* Checks buf[0, size) from an exact-size heap copy, so that ASan sees a read past size. */
int fx_check(const void *buf, u64 size, struct zone_request *out, struct zone_reject *rej);

#endif
