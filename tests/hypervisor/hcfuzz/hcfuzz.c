// SPDX-License-Identifier: GPL-2.0
/*
 * hcfuzz.ko: raw hypercalls 2-4 (ZONE_START, ZONE_SHUTDOWN, ZONE_LIST) with
 * random and hostile arguments, straight from the root's kernel, past the
 * driver's checks: physical addresses in lvisor's memory, past the end of
 * RAM, unaligned, wrapping; sizes of 0, huge, odd; ids of zones that do not
 * exist. A ZONE_LIST only ever writes into this module's own buffer (or is
 * given an address lvisor must refuse): a list lvisor accepts writes where it
 * is told, and root memory elsewhere is the root kernel's. Logs one line of
 * counts and fails the load, so that it can run again.
 */
#include <linux/io.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>

static unsigned int rounds = 10000;
module_param(rounds, uint, 0444);
static unsigned long keep_id = 1;
module_param(keep_id, ulong, 0444);
MODULE_PARM_DESC(keep_id, "a running zone's id, never shut down");

static long hvc(unsigned long code, unsigned long a1, unsigned long a2)
{
	register unsigned long a0 asm("a0") = code;
	register unsigned long r1 asm("a1") = a1;
	register unsigned long r2 asm("a2") = a2;

	asm volatile(".word 0x002b8000" : "+r"(a0), "+r"(r1), "+r"(r2) : : "memory");
	return (long)a0;
}

/* Addresses lvisor must refuse: not root RAM, or not aligned. */
static unsigned long hostile_pa(void)
{
	static const unsigned long pa[] = {
		0x0f000000, 0x0f800000, 0x0fff8000, 0x10000000, 0x1fe00000,
		0x100000000000UL, 0xfffffffffffff000UL, ~0UL, 0x8000000000000000UL,
	};
	unsigned long r = get_random_u64();

	if (r % 4 == 0)
		return r; /* anything */
	return pa[r % ARRAY_SIZE(pa)] + ((r >> 8) % 4 ? 0 : (r >> 16) % 8);
}

static unsigned long size_arg(void)
{
	static const unsigned long sz[] = { 0, 1, 8, 56, 3055, 3056, 3057, 3183, 3184, 3185,
					    4096, 1UL << 20, ~0UL, 1UL << 63 };
	unsigned long r = get_random_u64();

	return r % 5 ? sz[r % ARRAY_SIZE(sz)] : r;
}

static int __init hcfuzz_init(void)
{
	void *buf = kzalloc(PAGE_SIZE * 2, GFP_KERNEL);
	unsigned long ok = 0, refused = 0, listed = 0;
	unsigned int i;

	if (!buf)
		return -ENOMEM;
	for (i = 0; i < rounds; i++) {
		unsigned long r = get_random_u64(), a1, a2;
		long ret;

		switch (r % 3) {
		case 0: /* ZONE_START from anywhere (a buffer of ours holds random bytes) */
			get_random_bytes(buf, PAGE_SIZE);
			a1 = (r >> 8) % 2 ? hostile_pa() : virt_to_phys(buf) + ((r >> 16) % 2 ? 0 : 4);
			a2 = size_arg();
			ret = hvc(2, a1, a2);
			break;
		case 1: /* ZONE_SHUTDOWN of ids that do not run */
			a1 = (r >> 8) % 2 ? get_random_u64() : (r >> 16) % 8;
			if (a1 == keep_id)
				a1 = 0;
			ret = hvc(3, a1, 0);
			break;
		default: /* ZONE_LIST into our buffer, or an address lvisor must refuse */
			a1 = (r >> 8) % 2 ? virt_to_phys(buf) : hostile_pa();
			a2 = (r >> 16) % 3 ? (r >> 24) % 80 : get_random_u64();
			ret = hvc(4, a1, a2);
			listed += ret > 0;
			break;
		}
		if (ret < 0)
			refused++;
		else
			ok++;
	}
	kfree(buf);
	pr_info("hcfuzz: %u calls, %lu refused, %lu answered (%lu lists)\n", rounds, refused, ok,
		listed);
	return -EAGAIN;
}
module_init(hcfuzz_init);

MODULE_DESCRIPTION("lvisor test: random arguments for hypercalls 2-4");
MODULE_LICENSE("GPL");
