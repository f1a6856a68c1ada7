// SPDX-License-Identifier: GPL-2.0
/*
 * peek.ko: reads one 64-bit word of physical memory, the way a driver in the
 * root zone would, and logs it. The system tests load it at an address the
 * zone owns (the read must succeed) and at lvisor's own memory (lvisor must
 * refuse the access and the zone must survive it).
 */
#include <linux/io.h>
#include <linux/module.h>

static unsigned long addr;
module_param(addr, ulong, 0444);
MODULE_PARM_DESC(addr, "physical address to read");

static int __init peek_init(void)
{
	void *p = memremap(addr, sizeof(u64), MEMREMAP_WB);

	if (!p)
		return -ENOMEM;
	pr_info("peek: %#lx = %#llx\n", addr, (unsigned long long)READ_ONCE(*(u64 *)p));
	memunmap(p);
	/* Nothing to keep loaded: fail the load so the next peek can insmod again. */
	return -EAGAIN;
}
module_init(peek_init);

MODULE_DESCRIPTION("lvisor test: read one word of physical memory");
MODULE_LICENSE("GPL");
