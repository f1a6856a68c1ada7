/*
 * ptytype PTY COUNT: types COUNT command lines into a shell behind a pty (a
 * zone's virtio console, from the root's daemon) as a user would, one at a
 * time, and waits for each one's answer. For line i it writes
 * "echo k<i>\n" and waits up to 10 s for the shell's output line "k<i>".
 * Prints how many lines were typed and answered, and the latency of the
 * first echoed byte (the key's echo) and of the answer, in microseconds.
 * Exit status 0 only if every line was answered.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define LINE_TIMEOUT_MS 10000

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Reads into buf (kept NUL-terminated, the oldest half dropped when full)
 * until want appears or the deadline passes; *first gets the time of the
 * first byte read. Returns 1 if found. */
static int wait_for(int fd, char *buf, size_t cap, size_t *len, const char *want,
                    long long deadline, long long *first)
{
    for (;;) {
        if (strstr(buf, want))
            return 1;
        long long left = (deadline - now_us()) / 1000;
        if (left <= 0)
            return 0;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, (int)left);
        if (r < 0 && errno != EINTR)
            return 0;
        if (r <= 0)
            continue;
        if (*len + 256 >= cap) {
            size_t keep = cap / 2;
            memmove(buf, buf + *len - keep, keep);
            *len = keep;
        }
        ssize_t n = read(fd, buf + *len, cap - *len - 1);
        if (n <= 0)
            return 0;
        if (first && !*first)
            *first = now_us();
        *len += (size_t)n;
        buf[*len] = 0;
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: ptytype PTY COUNT\n");
        return 2;
    }
    int count = atoi(argv[2]);
    int fd = open(argv[1], O_RDWR | O_NOCTTY);
    if (fd < 0 || count <= 0) {
        fprintf(stderr, "ptytype: %s: %s\n", argv[1], fd < 0 ? strerror(errno) : "bad count");
        return 2;
    }
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(fd, TCSANOW, &t);
    }
    long long *echo = calloc((size_t)count, sizeof(*echo));
    long long *answer = calloc((size_t)count, sizeof(*answer));
    static char buf[1 << 16];
    size_t len = 0;
    /* a first line, answered before counting starts: the shell is there */
    const char sync[] = "echo ptytype-sync\n";
    if (write(fd, sync, sizeof(sync) - 1) < 0 ||
        !wait_for(fd, buf, sizeof(buf), &len, "\nptytype-sync\r", now_us() + 30000000LL, NULL)) {
        printf("ptytype: no shell answers on %s\n", argv[1]);
        return 1;
    }
    int answered = 0;
    for (int i = 0; i < count; i++) {
        char line[64], want[64];
        int n = snprintf(line, sizeof(line), "echo k%d\n", i);
        snprintf(want, sizeof(want), "\nk%d\r", i);
        len = 0;
        buf[0] = 0;
        long long t0 = now_us(), first = 0;
        if (write(fd, line, (size_t)n) != n)
            break;
        if (!wait_for(fd, buf, sizeof(buf), &len, want, t0 + LINE_TIMEOUT_MS * 1000LL, &first)) {
            printf("ptytype: line %d not answered within %d ms\n", i, LINE_TIMEOUT_MS);
            continue;
        }
        echo[answered] = first - t0;
        answer[answered] = now_us() - t0;
        answered++;
    }
    printf("typed %d, answered %d, lost %d\n", count, answered, count - answered);
    if (answered) {
        qsort(echo, (size_t)answered, sizeof(*echo), cmp_ll);
        qsort(answer, (size_t)answered, sizeof(*answer), cmp_ll);
        printf("echo latency us: median %lld max %lld\n", echo[answered / 2], echo[answered - 1]);
        printf("answer latency us: median %lld max %lld\n", answer[answered / 2],
               answer[answered - 1]);
    }
    return answered == count ? 0 : 1;
}
