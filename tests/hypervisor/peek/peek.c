// SPDX-License-Identifier: GPL-2.0
/*
 * peek.ko: reads one 64-bit word of physical memory, the way a driver in the
 * root zone would, and logs what it read or that the read faulted. The
 * system tests load it at a word the zone owns and whose value they know (the
 * read must return it) and at lvisor's own memory (lvisor must refuse the
 * access with an address error, which the read survives as a fault).
 */
#include <linux/io.h>
#include <linux/module.h>
#include <linux/uaccess.h>

static unsigned long addr;
module_param(addr, ulong, 0444);
MODULE_PARM_DESC(addr, "physical address to read");

static int __init peek_init(void)
{
	void *p = memremap(addr, sizeof(u64), MEMREMAP_WB);
	u64 val;
	long err;

	if (!p)
		return -ENOMEM;
	/* an address error (ADEM) here goes to the exception table, not an oops */
	err = copy_from_kernel_nofault(&val, p, sizeof(val));
	if (err)
		pr_info("peek: %#lx: read faulted (%ld)\n", addr, err);
	else
		pr_info("peek: %#lx = %#llx\n", addr, (unsigned long long)val);
	memunmap(p);
	/* Nothing to keep loaded: fail the load so the next peek can insmod again. */
	return -EAGAIN;
}
module_init(peek_init);

MODULE_DESCRIPTION("lvisor test: read one word of physical memory");
MODULE_LICENSE("GPL");
