/* /dev/kvm plumbing: VM, one memslot of anonymous memory, one vCPU. */
#include "kvm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

void die(const char *what)
{
    fprintf(stderr, "vmm: %s: %s\n", what, strerror(errno));
    exit(2);
}

void vm_create(struct vm *vm, uint64_t ram_base, uint64_t ram_size)
{
    vm->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (vm->kvm < 0)
        die("open /dev/kvm");
    if (ioctl(vm->kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
        die("KVM_GET_API_VERSION");
    vm->fd = ioctl(vm->kvm, KVM_CREATE_VM, 0);
    if (vm->fd < 0)
        die("KVM_CREATE_VM");

    vm->ram = mmap(NULL, ram_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (vm->ram == MAP_FAILED)
        die("mmap guest RAM");
    vm->ram_base = ram_base;
    vm->ram_size = ram_size;
    struct kvm_userspace_memory_region slot = {
        .slot = 0,
        .guest_phys_addr = ram_base,
        .memory_size = ram_size,
        .userspace_addr = (uintptr_t)vm->ram,
    };
    if (ioctl(vm->fd, KVM_SET_USER_MEMORY_REGION, &slot) < 0)
        die("KVM_SET_USER_MEMORY_REGION");
}

void vm_create_vcpu(struct vm *vm)
{
    vm->vcpu = ioctl(vm->fd, KVM_CREATE_VCPU, 0);
    if (vm->vcpu < 0)
        die("KVM_CREATE_VCPU");
    int size = ioctl(vm->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
    if (size < (int)sizeof(struct kvm_run))
        die("KVM_GET_VCPU_MMAP_SIZE");
    vm->run = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED, vm->vcpu, 0);
    if (vm->run == MAP_FAILED)
        die("mmap kvm_run");
}

void vcpu_set_reg(struct vm *vm, uint64_t id, uint64_t val)
{
    struct kvm_one_reg reg = {.id = id, .addr = (uintptr_t)&val};
    if (ioctl(vm->vcpu, KVM_SET_ONE_REG, &reg) < 0) {
        fprintf(stderr, "vmm: register %#llx := %#llx\n", (unsigned long long)id,
                (unsigned long long)val);
        die("KVM_SET_ONE_REG");
    }
}

uint64_t vcpu_get_reg(struct vm *vm, uint64_t id)
{
    uint64_t val = 0;
    struct kvm_one_reg reg = {.id = id, .addr = (uintptr_t)&val};
    if (ioctl(vm->vcpu, KVM_GET_ONE_REG, &reg) < 0)
        die("KVM_GET_ONE_REG");
    return val;
}

/* KVM reports, per CPUCFG word, which bits a guest may be given. */
uint64_t vcpu_cpucfg_mask(struct vm *vm, unsigned int word)
{
    uint64_t mask = 0;
    struct kvm_device_attr attr = {
        .group = KVM_LOONGARCH_VCPU_CPUCFG,
        .attr = word,
        .addr = (uintptr_t)&mask,
    };
    if (ioctl(vm->vcpu, KVM_GET_DEVICE_ATTR, &attr) < 0)
        die("KVM_GET_DEVICE_ATTR cpucfg mask");
    return mask;
}

void vcpu_set_pc(struct vm *vm, uint64_t pc)
{
    struct kvm_regs regs;
    memset(&regs, 0, sizeof(regs));
    regs.pc = pc;
    if (ioctl(vm->vcpu, KVM_SET_REGS, &regs) < 0)
        die("KVM_SET_REGS");
}
