/*
 * sleeplat [N [USEC]]: how late Linux wakes a task from a short sleep. N
 * (default 1000) times, sleeps until an absolute CLOCK_MONOTONIC deadline
 * USEC (default 1000) microseconds after the last wake-up (clock_nanosleep,
 * TIMER_ABSTIME; timer slack 1 ns, so the kernel does not defer the timer),
 * and records how long after the deadline it runs again. Prints
 *   sleeplat: N x USEC us: min A median B p99 C max D ns late
 * Under -icount shift=0 a nanosecond is one instruction executed (by any CPU)
 * while the sleeper is not idle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>

static int cmp(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static long ns(const struct timespec *t) { return t->tv_sec * 1000000000L + t->tv_nsec; }

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    long usec = argc > 2 ? atol(argv[2]) : 1000;
    if (n < 1 || usec < 1) {
        fprintf(stderr, "usage: sleeplat [N [USEC]]\n");
        return 2;
    }
    long *late = malloc(sizeof(*late) * (size_t)n);
    if (!late || prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0)) {
        perror("sleeplat");
        return 1;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    for (int i = 0; i < n; i++) {
        long deadline = ns(&now) + usec * 1000;
        struct timespec d = {deadline / 1000000000L, deadline % 1000000000L};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &d, NULL))
            ;
        clock_gettime(CLOCK_MONOTONIC, &now);
        late[i] = ns(&now) - deadline;
    }
    qsort(late, (size_t)n, sizeof(*late), cmp);
    int p99 = (int)((n * 99L + 99) / 100) - 1;
    printf("sleeplat: %d x %ld us: min %ld median %ld p99 %ld max %ld ns late\n", n, usec, late[0],
           late[n / 2], late[p99], late[n - 1]);
    return 0;
}
