/* Contract between the test VMM and its guest: guest-physical layout and the
 * MMIO registers the VMM emulates. Included by both sides. */
#ifndef KVM_TEST_ABI_H
#define KVM_TEST_ABI_H

/* Guest RAM: one memslot at GPA 0; the guest image is linked at 0x10000. */
#define GUEST_RAM_BASE 0x0UL
#define GUEST_RAM_SIZE 0x800000UL /* 8 MiB */

/* Nothing is mapped here, so every access exits to the VMM (KVM_EXIT_MMIO). */
#define MMIO_BASE 0x10000000UL
#define MMIO_PUTC (MMIO_BASE + 0x0)  /* write: one byte to the VMM's stdout */
#define MMIO_EXIT (MMIO_BASE + 0x8)  /* write: guest done, value = exit status */
#define MMIO_MAGIC (MMIO_BASE + 0x10) /* read: MAGIC_VALUE */
#define MMIO_END (MMIO_BASE + 0x1000)

#define MAGIC_VALUE 0x4b564d21UL /* "KVM!" */

#endif
