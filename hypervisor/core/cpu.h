/* Physical CPUs: start-up bookkeeping and event delivery between them. */
#ifndef CORE_CPU_H
#define CORE_CPU_H

#include "lib/types.h"

struct vcpu;

extern volatile u64 cpus_online;

/* Queues an event for `cpu` (waiting while its queue is full, never dropping it) and kicks it. */
void cpu_send_event(u32 cpu, u32 type, u64 arg);
/* Runs this CPU's queued events. */
void cpu_process_events(struct vcpu *v);
/* Enters v's guest at entry (vCPU 0 with its zone's boot arguments); on v's own CPU. */
void vcpu_start(struct vcpu *v, u64 entry) __attribute__((noreturn));
/* Idle loop of a CPU whose vCPU is not running; returns never (enters the guest when started). */
void cpu_park(struct vcpu *v) __attribute__((noreturn));

#endif
