// SPDX-License-Identifier: GPL-2.0
/*
 * ipicount.ko: counts IPIs between the root zone's CPUs, exactly.
 *
 * stop_machine holds every CPU with interrupts off, so Linux sends no IPI of
 * its own. One CPU is the target; all the others send it IPIs at once, each
 * on its own vector, each waiting until the target has taken its last one
 * before sending the next: nothing can coalesce, so the target must take
 * exactly as many as were sent. The target's timer is stopped and all its
 * interrupt lines but the IPI are masked, so no tick or device can deliver an
 * IPI that lvisor lost: a lost IPI stays lost, and its sender reports it
 * after a deadline. The target waits either asleep in `idle` (lvisor's wait
 * for interrupt) or spinning on ESTAT.IPI in guest code (set by lvisor's
 * interrupt exit). Every CPU is the target once in each way.
 */
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/smp.h>
#include <linux/stop_machine.h>
#include <asm/loongarch.h>
#include <asm/time.h>
#include <asm/timex.h>
#include <lvisor/hypercall.h>

/* Waking a sleeping CPU is cheap to emulate; four spinning CPUs on a small host are not. */
static unsigned int rounds_asleep = 3000, rounds_spinning = 300;
module_param(rounds_asleep, uint, 0444);
MODULE_PARM_DESC(rounds_asleep, "IPIs each sender sends to each target asleep in idle");
module_param(rounds_spinning, uint, 0444);
MODULE_PARM_DESC(rounds_spinning, "IPIs each sender sends to each spinning target");
static unsigned int deadline_ms = 1000;
module_param(deadline_ms, uint, 0444);
MODULE_PARM_DESC(deadline_ms, "how long a sender waits for its IPI to be taken");

/* Sender CPU n uses vector VEC_SENDER + n; Linux's own actions are 0-4. */
#define VEC_SENDER 16
#define VEC_STOP 31
#define MAX_CPUS (VEC_STOP - VEC_SENDER)
#define ESTAT_IPI BIT(INT_IPI)

/* IPIs per sender per stop_machine: short holds, so RCU sees every CPU pass through */
#define CHUNK 100

struct run {
	int target;
	bool asleep;
	u32 rounds;
	u64 deadline_ns;
	atomic_t senders_left;
	u32 sent[MAX_CPUS], taken[MAX_CPUS], lost_at[MAX_CPUS];
	u64 longest_ns[MAX_CPUS];
	u32 extra;	/* bits taken that no sender had outstanding */
	u32 foreign;	/* Linux's own IPI bits found pending, given back after */
	u64 idles, idle_exits;
	bool stop, target_done;
};

static s64 lvisor_exit_count(u64 cpu, u64 cause)
{
	register u64 a0 asm("$a0") = HVC_LVISOR_EXIT_COUNT;
	register u64 a1 asm("$a1") = cpu;
	register u64 a2 asm("$a2") = cause;

	asm volatile(".word 0x002b8000" /* hvcl 0 */ : "+r"(a0) : "r"(a1), "r"(a2) : "memory");
	return (s64)a0;
}

static void send_ipi(int cpu, u32 vector)
{
	iocsr_write32(IOCSR_IPI_SEND_BLOCKING | cpu_logical_map(cpu) << IOCSR_IPI_SEND_CPU_SHIFT |
		      vector, LOONGARCH_IOCSR_IPI_SEND);
}

static void target_loop(struct run *r)
{
	u64 ecfg = csr_read64(LOONGARCH_CSR_ECFG), tcfg = csr_read64(LOONGARCH_CSR_TCFG);
	u64 idle0 = lvisor_exit_count(cpu_logical_map(r->target), LVISOR_EXIT_IDLE);
	u32 mine = GENMASK(VEC_STOP, VEC_SENDER);

	/* Only an IPI may wake or interrupt this CPU from here on. */
	csr_write64(0, LOONGARCH_CSR_TCFG);
	csr_write64((ecfg & ~0x1fffUL) | ECFGF_IPI, LOONGARCH_CSR_ECFG);
	for (;;) {
		u32 st;
		int s;

		if (r->asleep) {
			/* interrupts are off: idle returns once the IPI line is up */
			asm volatile("idle 0" ::: "memory");
			r->idles++;
		} else if (!(csr_read64(LOONGARCH_CSR_ESTAT) & ESTAT_IPI)) {
			if (READ_ONCE(r->stop))
				break;
			continue;
		}
		st = iocsr_read32(LOONGARCH_IOCSR_IPI_STATUS);
		/* cleared before counting: a sender sends again only once counted */
		iocsr_write32(st, LOONGARCH_IOCSR_IPI_CLEAR);
		smp_mb();
		r->foreign |= st & ~mine;
		for (s = 0; s < MAX_CPUS; s++) {
			if (!(st & BIT(VEC_SENDER + s)))
				continue;
			if (r->taken[s] == READ_ONCE(r->sent[s]))
				r->extra++;
			else
				smp_store_release(&r->taken[s], r->taken[s] + 1);
		}
		if (READ_ONCE(r->stop) && (!r->asleep || (st & BIT(VEC_STOP))))
			break;
	}
	r->idle_exits = lvisor_exit_count(cpu_logical_map(r->target), LVISOR_EXIT_IDLE) - idle0;
	csr_write64(ecfg, LOONGARCH_CSR_ECFG);
	csr_write64(tcfg, LOONGARCH_CSR_TCFG);
	if (r->foreign) /* Linux takes them once interrupts are on again */
		iocsr_write32(r->foreign, LOONGARCH_IOCSR_IPI_SET);
	smp_store_release(&r->target_done, true);
}

/* The last sender to finish wakes the target until it has stopped. */
static void stop_target(struct run *r)
{
	u64 t0 = ktime_get_ns(), resent = 0;
	bool warned = false;

	WRITE_ONCE(r->stop, true);
	smp_mb();
	while (!smp_load_acquire(&r->target_done)) {
		u64 now = ktime_get_ns();

		if (now - resent > NSEC_PER_MSEC) {
			send_ipi(r->target, VEC_STOP);
			resent = now;
		}
		if (!warned && now - t0 > r->deadline_ns) {
			pr_err("ipicount: CPU %d does not wake up to stop\n", r->target);
			warned = true;
		}
		cpu_relax();
	}
}

/*
 * Up to 5 us of random delay before each send, so that sends land anywhere
 * in the target's path back to sleep, not always at the same point of it.
 */
static void jitter(u32 *seed)
{
	u64 until;

	*seed ^= *seed << 13;
	*seed ^= *seed >> 17;
	*seed ^= *seed << 5;
	until = get_cycles() + *seed % (5 * (const_clock_freq / USEC_PER_SEC) + 1);
	while (get_cycles() < until)
		cpu_relax();
}

static void sender_loop(struct run *r, int cpu)
{
	u32 i, seed = 0x9e3779b9 * (cpu + 1);

	for (i = 1; i <= r->rounds; i++) {
		u64 t0, waited;

		jitter(&seed);
		WRITE_ONCE(r->sent[cpu], i);
		smp_mb();
		t0 = ktime_get_ns();
		send_ipi(r->target, VEC_SENDER + cpu);
		while (smp_load_acquire(&r->taken[cpu]) != i) {
			if (ktime_get_ns() - t0 > r->deadline_ns) {
				r->lost_at[cpu] = i;
				goto out;
			}
			cpu_relax();
		}
		waited = ktime_get_ns() - t0;
		r->longest_ns[cpu] = max(r->longest_ns[cpu], waited);
	}
out:
	if (atomic_dec_and_test(&r->senders_left))
		stop_target(r);
}

static int run_on_cpu(void *data)
{
	struct run *r = data;
	int cpu = smp_processor_id();

	if (cpu == r->target)
		target_loop(r);
	else
		sender_loop(r, cpu);
	return 0;
}

/* One target, one way of waiting, in chunks; returns the IPIs that went missing. */
static u32 run_one(int target, bool asleep, u64 *total_sent, u64 *total_taken)
{
	static struct run r;
	u32 rounds = asleep ? rounds_asleep : rounds_spinning;
	u32 done, holds = 0, sent = 0, taken = 0, extra = 0, missing = 0, held = 0;
	u64 longest = 0, idles = 0, idle_exits = 0;
	int cpu;

	for (done = 0; done < rounds && !missing; done += r.rounds) {
		memset(&r, 0, sizeof(r));
		r.target = target;
		r.asleep = asleep;
		r.rounds = min_t(u32, rounds - done, CHUNK);
		holds++;
		r.deadline_ns = (u64)deadline_ms * NSEC_PER_MSEC;
		atomic_set(&r.senders_left, num_online_cpus() - 1);
		stop_machine(run_on_cpu, &r, cpu_online_mask);

		for_each_online_cpu(cpu) {
			if (cpu == target)
				continue;
			sent += r.sent[cpu];
			taken += r.taken[cpu];
			longest = max(longest, r.longest_ns[cpu]);
			if (r.lost_at[cpu]) {
				pr_err("ipicount: CPU %d -> CPU %d: IPI %u of %u not taken within %u ms\n",
				       cpu, target, done + r.lost_at[cpu], rounds, deadline_ms);
				missing++;
			}
		}
		extra += r.extra;
		idles += r.idles;
		idle_exits += r.idle_exits;
		held += hweight32(r.foreign);
	}
	pr_info("ipicount: to CPU %d %s: sent %u taken %u late %u extra %u, %llu idle exits for "
		"%llu idles, longest wait %llu us, %u Linux IPIs held back, %u holds\n",
		target, asleep ? "asleep in idle" : "spinning", sent, taken, missing, extra, idle_exits,
		idles, longest / NSEC_PER_USEC, held, holds);
	*total_sent += sent;
	*total_taken += taken;
	return missing + extra + (asleep && idle_exits != idles);
}

static int __init ipicount_init(void)
{
	u64 sent = 0, taken = 0;
	u32 bad = 0;
	int cpu, way;

	if (num_online_cpus() < 2 || nr_cpu_ids > MAX_CPUS)
		return -EINVAL;
	for (way = 0; way < 2; way++)
		for_each_online_cpu(cpu)
			bad += run_one(cpu, way == 0, &sent, &taken);
	pr_info("ipicount: %s: sent %llu taken %llu\n", bad ? "FAIL" : "ok", sent, taken);
	return bad ? -EIO : 0;
}

static void __exit ipicount_exit(void)
{
}

module_init(ipicount_init);
module_exit(ipicount_exit);

MODULE_DESCRIPTION("lvisor test: count IPIs between the root zone's CPUs");
MODULE_LICENSE("GPL");
