/* Event queue: FIFO order, back-pressure when full, nothing lost under contention. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <cmocka.h>

#include "core/event.h"

static void fifo_and_full(void **state)
{
    (void)state;
    static struct event_queue q;
    event_queue_init(&q);
    struct event e;
    assert_false(event_pop(&q, &e));
    for (u32 i = 0; i < EVENT_QUEUE_LEN; i++)
        assert_true(event_push(&q, EVENT_WAKEUP, i));
    assert_false(event_push(&q, EVENT_WAKEUP, 999)); /* full: refused, not overwritten */
    assert_int_equal(event_count(&q), EVENT_QUEUE_LEN);
    for (u32 i = 0; i < EVENT_QUEUE_LEN; i++) {
        assert_true(event_pop(&q, &e));
        assert_int_equal(e.arg, i);
    }
    assert_false(event_pop(&q, &e));
}

#define PRODUCERS 3
#define PER_PRODUCER 20000
static struct event_queue shared;

static void *producer(void *arg)
{
    u64 id = (u64)arg;
    for (u64 i = 0; i < PER_PRODUCER; i++)
        while (!event_push(&shared, EVENT_WAKEUP, id << 32 | i))
            ; /* back-pressure: retry */
    return NULL;
}

static void no_event_lost(void **state)
{
    (void)state;
    event_queue_init(&shared);
    pthread_t t[PRODUCERS];
    for (u64 i = 0; i < PRODUCERS; i++)
        pthread_create(&t[i], NULL, producer, (void *)i);
    u64 next[PRODUCERS] = { 0 };
    u64 got = 0;
    struct event e;
    while (got < PRODUCERS * PER_PRODUCER) {
        if (!event_pop(&shared, &e))
            continue;
        u64 id = e.arg >> 32, seq = e.arg & 0xffffffff;
        assert_true(id < PRODUCERS);
        assert_int_equal(seq, next[id]); /* per-sender order kept, no gap */
        next[id]++;
        got++;
    }
    for (int i = 0; i < PRODUCERS; i++)
        pthread_join(t[i], NULL);
    assert_false(event_pop(&shared, &e));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fifo_and_full),
        cmocka_unit_test(no_event_lost),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
