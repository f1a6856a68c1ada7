/*
 * Zone life cycle on the host: zone_create unwinds every part on any failure
 * (no frame of the pool is lost), zone_destroy returns every frame and CPU,
 * and a failed create leaves the zones already running untouched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/cpu.h"
#include "core/frame.h"
#include "core/vcpu.h"
#include "core/zone.h"

/* What zone.c and zone_arch.c reach outside the code under test. */
struct vcpu vcpus[CONFIG_MAX_CPUS];
static u32 tlb_flushes;
void tlb_flush_guest(u32 gid);
void tlb_flush_guest(u32 gid)
{
    (void)gid;
    tlb_flushes++;
}
void cpu_send_event(u32 cpu, u32 type, u64 arg)
{
    (void)cpu, (void)type, (void)arg;
    fail_msg("no events in these tests");
}
void vcpu_stop(struct vcpu *v, bool shutdown)
{
    (void)v, (void)shutdown;
    abort();
}
/* Virtio windows trap into the bridge; these tests give zones none. */
bool virtio_bridge_register(struct mmio_table *t, const struct mem_region *r)
{
    (void)t, (void)r;
    fail_msg("no virtio regions in these tests");
    return false;
}
static u32 arch_inits;
void vcpu_arch_init(struct vcpu *v)
{
    (void)v;
    arch_inits++;
}
u64 vcpu_arch_pc(const struct vcpu *v)
{
    return v->arch.regs.pc;
}

#define POOL_FRAMES 48
static u8 *pool_mem;

static int setup(void **state)
{
    (void)state;
    pool_mem = aligned_alloc(4096, POOL_FRAMES * 4096);
    frame_pool_init(&hv_frames, (u64)pool_mem, POOL_FRAMES * 4096);
    memset(vcpus, 0, sizeof(vcpus));
    memset(zones, 0, sizeof(zones));
    tlb_flushes = 0;
    arch_inits = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(pool_mem);
    return 0;
}

/* n device pages, each in its own 512 GiB slot: every one costs three more tables. */
static struct mem_region spread[16];
static struct zone_config spread_config(u32 id, u64 cpus, u32 n)
{
    for (u32 i = 0; i < n; i++)
        spread[i] = (struct mem_region){ .hpa = 0x1000, .gpa = (u64)(i + 1) << 39,
                                         .size = 0x1000, .type = MEM_IO };
    return (struct zone_config){ .id = id, .name = "spread", .cpus = cpus, .nr_mem = n,
                                 .mem = spread };
}

static void create_destroy_returns_every_frame(void **state)
{
    (void)state;
    const struct mem_region ram[] = {
        { .hpa = 0x0, .gpa = 0x0, .size = 0x0f000000, .type = MEM_RAM },
        { .hpa = 0x1fe00000, .gpa = 0x1fe00000, .size = 0x1000, .type = MEM_IO },
    };
    struct zone_config c = { .id = 0, .name = "root", .cpus = 0xf, .nr_mem = 2, .mem = ram };
    struct zone *z = zone_create(&c, 0x3);
    assert_non_null(z);
    assert_ptr_equal(zone_find(0), z);
    assert_int_equal(z->nr_vcpus, 2); /* only the present CPUs */
    assert_ptr_equal(vcpus[1].zone, z);
    assert_int_equal(vcpus[1].id, 1);
    assert_int_equal(vcpus[1].state, VCPU_PARKED);
    assert_int_equal(arch_inits, 2); /* each vCPU's architecture state starts afresh */
    assert_true(hv_frames.used > 0);
    zone_destroy(z);
    assert_int_equal(hv_frames.used, 0);
    assert_null(zone_find(0));
    assert_null(vcpus[0].zone);
    assert_int_equal(vcpus[1].state, VCPU_OFFLINE);
    assert_true(tlb_flushes >= 1);
}

/* Zones until the pool runs dry: each failure leaves the pool as it was before that try. */
static void exhaustion_unwinds(void **state)
{
    (void)state;
    struct zone_config cfg[CONFIG_MAX_CPUS];
    struct zone *made[CONFIG_MAX_CPUS];
    u32 n = 0, failures = 0;
    for (u32 id = 0; id < CONFIG_MAX_CPUS; id++) {
        cfg[id] = spread_config(id, BIT(id), 6); /* 1 + 6 x 3 = 19 frames: the third fails */
        u32 before = hv_frames.used;
        struct zone *z = zone_create(&cfg[id], 0xf);
        if (z) {
            made[n++] = z;
            continue;
        }
        failures++;
        assert_int_equal(hv_frames.used, before);
        assert_null(zone_find(id));
        assert_null(vcpus[id].zone); /* its CPU was not taken */
    }
    assert_int_equal(n, 2);
    assert_int_equal(failures, CONFIG_MAX_CPUS - 2);
    /* the zones that were made are intact */
    assert_ptr_equal(vcpus[0].zone, made[0]);
    assert_ptr_equal(vcpus[1].zone, made[1]);
    for (u32 i = 0; i < n; i++)
        zone_destroy(made[i]);
    assert_int_equal(hv_frames.used, 0);
}

/* A CPU owned by another zone: refused after the address space was built, which is undone. */
static void cpu_conflict_unwinds(void **state)
{
    (void)state;
    struct zone_config a = spread_config(1, 0x2, 1);
    struct zone *za = zone_create(&a, 0xf);
    assert_non_null(za);
    u32 used = hv_frames.used;
    static struct mem_region one = { .hpa = 0x2000, .gpa = 0x2000, .size = 0x1000, .type = MEM_IO };
    struct zone_config b = { .id = 2, .name = "b", .cpus = 0x6, .nr_mem = 1, .mem = &one };
    assert_null(zone_create(&b, 0xf));
    assert_int_equal(hv_frames.used, used);
    assert_ptr_equal(vcpus[1].zone, za);
    assert_null(vcpus[2].zone); /* taken before the conflict, given back */
    assert_int_equal(vcpus[2].state, VCPU_OFFLINE);
    /* the same id can be created once the conflict is gone */
    zone_destroy(za);
    assert_non_null(zone_create(&b, 0xf));
}

static void id_rules(void **state)
{
    (void)state;
    struct zone_config a = spread_config(1, 0x2, 1);
    assert_non_null(zone_create(&a, 0xf));
    u32 used = hv_frames.used;
    struct zone_config again = spread_config(1, 0x4, 1);
    assert_null(zone_create(&again, 0xf)); /* id in use */
    struct zone_config big = spread_config(CONFIG_MAX_CPUS, 0x4, 1);
    assert_null(zone_create(&big, 0xf)); /* id out of range */
    struct zone_config absent = spread_config(2, 0x8, 1);
    assert_null(zone_create(&absent, 0x7)); /* its only CPU is not present */
    assert_int_equal(hv_frames.used, used);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(create_destroy_returns_every_frame, setup, teardown),
        cmocka_unit_test_setup_teardown(exhaustion_unwinds, setup, teardown),
        cmocka_unit_test_setup_teardown(cpu_conflict_unwinds, setup, teardown),
        cmocka_unit_test_setup_teardown(id_rules, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
