/* kvm-vmm: runs the bare-metal test guest on Linux's KVM for LoongArch.
 * Usage: kvm-vmm [-t seconds] guest.elf
 * Exit status: the guest's own status (0 = every check passed), 2 for a
 * VMM/KVM error, 3 when the watchdog fired, 4 for an unexpected exit. */
#include "elf.h"
#include "kvm.h"
#include "setup.h"
#include "../abi.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
}

/* Interrupts KVM_RUN (it returns EINTR) if the guest stops making progress. */
static void start_watchdog(unsigned int seconds)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    alarm(seconds);
}

static uint64_t mmio_value(const struct kvm_run *run)
{
    uint64_t v = 0;
    memcpy(&v, run->mmio.data, run->mmio.len <= 8 ? run->mmio.len : 8);
    return v;
}

/* Returns -1 while the guest keeps running, else the guest's exit status. */
static int handle_mmio(struct kvm_run *run)
{
    uint64_t addr = run->mmio.phys_addr;

    if (run->mmio.is_write && addr == MMIO_PUTC && run->mmio.len == 1) {
        putchar(run->mmio.data[0]);
        if (run->mmio.data[0] == '\n')
            fflush(stdout);
        return -1;
    }
    if (run->mmio.is_write && addr == MMIO_EXIT)
        return (int)(mmio_value(run) & 0xff);
    if (!run->mmio.is_write && addr == MMIO_MAGIC) {
        uint64_t v = MAGIC_VALUE;
        memcpy(run->mmio.data, &v, sizeof(v));
        return -1;
    }
    fprintf(stderr, "vmm: unexpected MMIO %s of %u bytes at %#llx\n",
            run->mmio.is_write ? "write" : "read", run->mmio.len, (unsigned long long)addr);
    return 4;
}

static int run_guest(struct vm *vm, unsigned long *exits)
{
    for (;;) {
        if (ioctl(vm->vcpu, KVM_RUN, 0) < 0) {
            if (errno != EINTR)
                die("KVM_RUN");
            if (timed_out) {
                fprintf(stderr, "vmm: watchdog: guest still running\n");
                return 3;
            }
            continue;
        }
        ++*exits;
        struct kvm_run *run = vm->run;
        switch (run->exit_reason) {
        case KVM_EXIT_MMIO: {
            int status = handle_mmio(run);
            if (status >= 0)
                return status;
            break;
        }
        case KVM_EXIT_INTR:
            if (timed_out) {
                fprintf(stderr, "vmm: watchdog: guest still running\n");
                return 3;
            }
            break;
        default:
            fprintf(stderr, "vmm: unexpected exit reason %u\n", run->exit_reason);
            return 4;
        }
    }
}

int main(int argc, char **argv)
{
    unsigned int timeout = 30;
    int opt;

    while ((opt = getopt(argc, argv, "t:")) != -1) {
        if (opt != 't')
            goto usage;
        timeout = (unsigned int)strtoul(optarg, NULL, 0);
    }
    if (optind != argc - 1)
        goto usage;

    struct vm vm;
    vm_create(&vm, GUEST_RAM_BASE, GUEST_RAM_SIZE);
    vm_create_vcpu(&vm);
    vcpu_setup(&vm, elf_load(&vm, argv[optind]));

    unsigned long exits = 0;
    start_watchdog(timeout);
    int status = run_guest(&vm, &exits);
    alarm(0);
    fflush(stdout);
    printf("vmm: guest status %d after %lu exits\n", status, exits);
    return status;

usage:
    fprintf(stderr, "usage: %s [-t seconds] guest.elf\n", argv[0]);
    return 2;
}
