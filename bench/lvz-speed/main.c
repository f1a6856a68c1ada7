/* lvz-speed: the same workload natively (root mode, TLB-mapped) and in an
 * LVZ guest (guest TLB + stage-2 root TLB), alternating, in one boot.
 * Two workloads (work.c): TLB stress and streaming. Prints one line per
 * round and, per workload, the median and best-of guest/native speed. */
#include <baremetal/console.h>
#include <baremetal/csr.h>
#include <baremetal/insn.h>
#include <baremetal/setjmp.h>
#include <baremetal/sort.h>
#include <baremetal/trap.h>
#include <baremetal/virt.h>

#include "layout.h"
#include "work.h"

/* What the root saw when the guest left. */
static struct {
    u64 estat, era, badv, badi, a0, a1, gstat;
} exit_info;
static jmp_buf guest_exit;

extern char tlbr_vec[], guest_fault_vec[], guest_entry[];

static struct result native, guest;

/* Called by guest_entry in guest mode; returns into its hvcl 0. */
void guest_main(void);
void guest_main(void) { run_paged(&guest); }

static void fail(const char *why)
{
    puts_("lvz-speed: FAIL: ");
    puts_(why);
    puts_("\n");
    poweroff();
}

/* Root: every exception lands here. From the guest it is the end of a run
 * (hvcl) or a fault; either way record it and return from run_guest. */
void trap(long kind)
{
    (void)kind;
    exit_info.estat = csrrd(CSR_ESTAT);
    exit_info.era = csrrd(CSR_ERA);
    exit_info.badv = csrrd(CSR_BADV);
    exit_info.badi = csrrd(CSR_BADI);
    exit_info.a0 = trap_regs[4];
    exit_info.a1 = trap_regs[5];
    exit_info.gstat = csrrd(CSR_GSTAT);
    csrwr(CSR_GSTAT, 0); /* PVM off, GID 0 */
    csrwr(CSR_GTLBC, 0); /* root TLB writes tag GID 0 again */
    csrwr(CSR_CRMD, CRMD_DA);
    longjmp(guest_exit, 1);
}

static void root_setup(void)
{
    if (!(cpucfg(2) & CPUCFG2_LVZP))
        fail("CPUCFG2.LVZP is 0: run QEMU with -cpu la464,lvz=on");
    csrwr(CSR_ECFG, 0); /* VS = 0, no interrupt lines */
    csrwr(CSR_EENTRY, (u64)trap_general);
    /* Stage-2 refills use the root's refill set-up even before any native run. */
    csrwr(CSR_TLBRENTRY, (u64)tlbr_vec);
    csrwr(CSR_STLBPS, PAGE_SHIFT);
    csrwr(CSR_TLBREHI, PAGE_SHIFT);
    gcsrwr(CSR_CRMD, CRMD_DA);
    /* The guest's own csrwr STLBPS is as ineffective as the root's (see layout.h). */
    gcsrwr(CSR_STLBPS, PAGE_SHIFT);
    gcsrwr(CSR_ECFG, 0);
    gcsrwr(CSR_EENTRY, (u64)guest_fault_vec);
    csrwr(CSR_GCNTC, 0);
}

/* ertn into guest mode at guest_entry (GID 1, DA per the guest CRMD, root
 * interrupts off); trap() brings the first exit back here. */
static void enter_guest(void)
{
    static const u64 regs[32]; /* guest_entry sets up its own stack */

    if (setjmp(guest_exit))
        return;
    csrwr(CSR_GSTAT, (u64)GUEST_GID << GSTAT_GID_SHIFT | GSTAT_PVM); /* ertn enters the guest */
    csrwr(CSR_GTLBC, (u64)GUEST_GID << GTLBC_TGID_SHIFT | GTLBC_USETGID);
    eret_to(regs, (u64)guest_entry, 0);
}

static void run_guest(void)
{
    enter_guest();
    u64 ecode = (exit_info.estat & ESTAT_ECODE_MASK) >> ESTAT_ECODE_SHIFT, code = exit_info.badi & 0x7fff;
    if (ecode != ECODE_HVC || code != 0) {
        puts_("lvz-speed: guest exit estat=");
        puthex(exit_info.estat);
        puts_(" era=");
        puthex(exit_info.era);
        puts_(" badv=");
        puthex(exit_info.badv);
        puts_(" a0=");
        puthex(exit_info.a0);
        puts_(" a1=");
        puthex(exit_info.a1);
        puts_("\n");
        fail("the guest did not finish with hvcl 0");
    }
}

static const char *const wl_name[WL_NUM] = { "tlb", "stream" };

void main(void)
{
    u64 ratio[WL_NUM][ROUNDS], best_native[WL_NUM], best_guest[WL_NUM];

    puts_("lvz-speed: ");
    putdec(BUF_MIB);
    puts_(" MiB buffer, 4 KiB pages; tlb: ");
    putdec(PASSES);
    puts_(" passes, stream: ");
    putdec(STREAM_PASSES);
    puts_(" passes; ");
    putdec(ROUNDS);
    puts_(" rounds\n");
    root_setup();
    for (int w = 0; w < WL_NUM; w++)
        best_native[w] = best_guest[w] = ~0UL;
    for (int r = 0; r < ROUNDS; r++) {
        run_paged(&native);
        run_guest();
        puts_("round ");
        putdec((u64)r + 1);
        puts_(":");
        for (int w = 0; w < WL_NUM; w++) {
            u64 n = native.ticks[w], g = guest.ticks[w];

            if (guest.sum[w] != native.sum[w])
                fail("checksums differ: guest memory or arithmetic is wrong");
            /* Host load only ever adds time: the fastest run of each mode
             * is the least disturbed one. */
            best_native[w] = n < best_native[w] ? n : best_native[w];
            best_guest[w] = g < best_guest[w] ? g : best_guest[w];
            /* speed ratio = native time / guest time, in thousandths */
            ratio[w][r] = n * 1000 / (g ? g : 1);
            puts_(w ? "; " : " ");
            puts_(wl_name[w]);
            puts_(" native ");
            putdec(n);
            puts_(" guest ");
            putdec(g);
            puts_(" ticks, speed ");
            putmilli(ratio[w][r]);
        }
        puts_("\n");
    }
    for (int w = 0; w < WL_NUM; w++) {
        sort_u64(ratio[w], ROUNDS);
        puts_("lvz-speed: ");
        puts_(wl_name[w]);
        puts_(": checksum ");
        puthex(native.sum[w]);
        puts_(" in both modes; fastest native ");
        putdec(best_native[w]);
        puts_(", guest ");
        putdec(best_guest[w]);
        puts_(" ticks\n");
        puts_("lvz-speed: ");
        puts_(wl_name[w]);
        puts_(": median guest/native speed ");
        putmilli(ratio[w][ROUNDS / 2]);
        puts_("\n");
        puts_("lvz-speed: ");
        puts_(wl_name[w]);
        puts_(": best-of guest/native speed ");
        putmilli(best_native[w] * 1000 / (best_guest[w] ? best_guest[w] : 1));
        puts_("\n");
    }
    poweroff();
}
