/* CPU hotplug through sysfs: the CPUs of a zone leave the root before it starts. */
#include "cpu_hotplug.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* The host tests of the tool build it with a directory of their own here. */
#ifndef CPU_SYSFS
#define CPU_SYSFS "/sys/devices/system/cpu"
#endif

static void online_path(unsigned cpu, char *buf, size_t len)
{
    snprintf(buf, len, CPU_SYSFS "/cpu%u/online", cpu);
}

int cpu_online(unsigned cpu)
{
    char path[256], c = 0;
    online_path(cpu, path, sizeof(path));
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, &c, 1);
    close(fd);
    if (n != 1)
        return -1;
    return c == '1' ? 1 : c == '0' ? 0 : -1;
}

int cpu_set_online(unsigned cpu, bool online)
{
    char path[256];
    online_path(cpu, path, sizeof(path));
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    /* the kernel does the hotplug inside write(): its errno is the answer */
    int err = write(fd, online ? "1" : "0", 1) == 1 ? 0 : errno;
    close(fd);
    return err;
}

int cpus_take(uint64_t mask, uint64_t *taken, unsigned *failed)
{
    *taken = 0;
    for (unsigned cpu = 0; cpu < 64; cpu++) {
        if (!(mask >> cpu & 1) || cpu_online(cpu) != 1)
            continue;
        int err = cpu_set_online(cpu, false);
        if (err) {
            *failed = cpu;
            return err;
        }
        *taken |= 1ULL << cpu;
    }
    return 0;
}

uint64_t cpus_give_back(uint64_t mask, uint64_t *brought)
{
    uint64_t bad = 0, done = 0;
    for (unsigned cpu = 0; cpu < 64; cpu++) {
        if (!(mask >> cpu & 1) || cpu_online(cpu) != 0)
            continue;
        if (cpu_set_online(cpu, true))
            bad |= 1ULL << cpu;
        else
            done |= 1ULL << cpu;
    }
    if (brought)
        *brought = done;
    return bad;
}
