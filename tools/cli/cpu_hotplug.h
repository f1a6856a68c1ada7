/*
 * The root's side of moving CPUs between zones: a CPU a zone gets must be
 * offline in the root's Linux, and comes back online when the zone goes.
 */
#ifndef CPU_HOTPLUG_H
#define CPU_HOTPLUG_H

#include <stdbool.h>
#include <stdint.h>

/* 1 online, 0 offline, -1 no such CPU or no online switch (/sys/devices/system/cpu/cpuN/online). */
int cpu_online(unsigned cpu);
/* Writes 1 or 0 to the CPU's online switch: 0 or an errno. */
int cpu_set_online(unsigned cpu, bool online);

/*
 * Takes every CPU of mask that is online offline; *taken says which, also
 * after a failure (the caller puts them back). A failure returns its errno
 * and names the CPU in *failed.
 */
int cpus_take(uint64_t mask, uint64_t *taken, unsigned *failed);
/* Brings every CPU of mask that is offline back online; returns the mask of those that failed. */
uint64_t cpus_give_back(uint64_t mask, uint64_t *brought);

#endif
