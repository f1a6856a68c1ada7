/* lvz-speed: the same workload natively (root mode, TLB-mapped) and in an
 * LVZ guest (guest TLB + stage-2 root TLB), alternating, in one boot.
 * Two workloads (work.c): TLB stress and streaming. Prints one line per
 * round and, per workload, the median and best-of guest/native speed. */
#include "csr.h"
#include "layout.h"
#include "uart.h"
#include "work.h"

struct exit_info {
    uint64_t estat, era, badv, badi, a0, a1, gstat;
};

extern struct exit_info exit_info;
extern char root_vec[], tlbr_vec[], guest_fault_vec[], guest_entry[];
long enter_guest(uint64_t pc);

static struct result native, guest;

/* Called by guest_entry in guest mode; returns into its hvcl 0. */
void guest_main(void);
void guest_main(void) { run_paged(&guest); }

static void fail(const char *why)
{
    puts("lvz-speed: FAIL: ");
    puts(why);
    puts("\n");
    poweroff();
}

static void root_setup(void)
{
    if (!(__builtin_loongarch_cpucfg(2) & CPUCFG2_LVZP))
        fail("CPUCFG2.LVZP is 0: run QEMU with -cpu la464,lvz=on");
    csr_write(0, CSR_ECFG); /* VS = 0, no interrupt lines */
    csr_write((uint64_t)root_vec, CSR_EENTRY);
    /* Stage-2 refills use the root's refill set-up even before any native run. */
    csr_write((uint64_t)tlbr_vec, CSR_TLBRENTRY);
    csr_write(PAGE_SHIFT, CSR_STLBPS);
    csr_write(PAGE_SHIFT, CSR_TLBREHI);
    gcsr_write(CRMD_DA, CSR_CRMD);
    /* The guest's own csrwr STLBPS is as ineffective as the root's (see csr.h). */
    gcsr_write(PAGE_SHIFT, CSR_STLBPS);
    gcsr_write(0, CSR_ECFG);
    gcsr_write((uint64_t)guest_fault_vec, CSR_EENTRY);
    csr_write(0, CSR_GCNTC);
}

static void run_guest(void)
{
    enter_guest((uint64_t)guest_entry);
    uint64_t ecode = (exit_info.estat >> 16) & 0x3f, code = exit_info.badi & 0x7fff;
    if (ecode != 23 || code != 0) {
        puts("lvz-speed: guest exit estat=");
        put_hex(exit_info.estat);
        puts(" era=");
        put_hex(exit_info.era);
        puts(" badv=");
        put_hex(exit_info.badv);
        puts(" a0=");
        put_hex(exit_info.a0);
        puts(" a1=");
        put_hex(exit_info.a1);
        puts("\n");
        fail("the guest did not finish with hvcl 0");
    }
}

static void sort(uint64_t *v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            uint64_t t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

static const char *const wl_name[WL_NUM] = { "tlb", "stream" };

void bench_main(void);
void bench_main(void)
{
    uint64_t ratio[WL_NUM][ROUNDS], best_native[WL_NUM], best_guest[WL_NUM];

    puts("lvz-speed: ");
    put_dec(BUF_MIB);
    puts(" MiB buffer, 4 KiB pages; tlb: ");
    put_dec(PASSES);
    puts(" passes, stream: ");
    put_dec(STREAM_PASSES);
    puts(" passes; ");
    put_dec(ROUNDS);
    puts(" rounds\n");
    root_setup();
    for (int w = 0; w < WL_NUM; w++)
        best_native[w] = best_guest[w] = ~0UL;
    for (int r = 0; r < ROUNDS; r++) {
        run_paged(&native);
        run_guest();
        puts("round ");
        put_dec((uint64_t)r + 1);
        puts(":");
        for (int w = 0; w < WL_NUM; w++) {
            uint64_t n = native.ticks[w], g = guest.ticks[w];

            if (guest.sum[w] != native.sum[w])
                fail("checksums differ: guest memory or arithmetic is wrong");
            /* Host load only ever adds time: the fastest run of each mode
             * is the least disturbed one. */
            best_native[w] = n < best_native[w] ? n : best_native[w];
            best_guest[w] = g < best_guest[w] ? g : best_guest[w];
            /* speed ratio = native time / guest time, in thousandths */
            ratio[w][r] = n * 1000 / (g ? g : 1);
            puts(w ? "; " : " ");
            puts(wl_name[w]);
            puts(" native ");
            put_dec(n);
            puts(" guest ");
            put_dec(g);
            puts(" ticks, speed ");
            put_milli(ratio[w][r]);
        }
        puts("\n");
    }
    for (int w = 0; w < WL_NUM; w++) {
        sort(ratio[w], ROUNDS);
        puts("lvz-speed: ");
        puts(wl_name[w]);
        puts(": checksum ");
        put_hex(native.sum[w]);
        puts(" in both modes; fastest native ");
        put_dec(best_native[w]);
        puts(", guest ");
        put_dec(best_guest[w]);
        puts(" ticks\n");
        puts("lvz-speed: ");
        puts(wl_name[w]);
        puts(": median guest/native speed ");
        put_milli(ratio[w][ROUNDS / 2]);
        puts("\n");
        puts("lvz-speed: ");
        puts(wl_name[w]);
        puts(": best-of guest/native speed ");
        put_milli(best_native[w] * 1000 / (best_guest[w] ? best_guest[w] : 1));
        puts("\n");
    }
    poweroff();
}
