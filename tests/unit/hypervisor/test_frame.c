/* Frame allocator: zeroed, aligned, exhausts cleanly, reuses freed frames. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/frame.h"

static void alloc_free(void **state)
{
    (void)state;
    static struct frame_pool p;
    u8 *mem = aligned_alloc(4096, 8 * 4096);
    memset(mem, 0xaa, 8 * 4096);
    frame_pool_init(&p, (u64)mem + 100, 8 * 4096 - 100); /* unaligned start: 7 frames */
    assert_int_equal(p.nr, 7);
    void *f[8];
    for (int i = 0; i < 7; i++) {
        f[i] = frame_alloc(&p);
        assert_non_null(f[i]);
        assert_int_equal((u64)f[i] % 4096, 0);
        assert_int_equal(((u8 *)f[i])[123], 0);
    }
    assert_null(frame_alloc(&p));
    frame_free(&p, f[3]);
    frame_free(&p, f[3]);          /* double free is harmless */
    frame_free(&p, (u8 *)f[2] + 8); /* not a frame: ignored */
    assert_int_equal(p.used, 6);
    assert_ptr_equal(frame_alloc(&p), f[3]);
    free(mem);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(alloc_free) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
