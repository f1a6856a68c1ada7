/* Thin wrappers over the KVM ioctls the test VMM needs; each one exits with
 * a message naming the ioctl on failure, since nothing can be retried. */
#ifndef VMM_KVM_H
#define VMM_KVM_H

#include <stdint.h>
/* musl first: the kernel header then keeps its own _IOC definitions quiet. */
#include <sys/ioctl.h>
#include <linux/kvm.h>

struct vm {
    int kvm, fd, vcpu;
    struct kvm_run *run;
    uint8_t *ram;
    uint64_t ram_base, ram_size;
};

void die(const char *what);
void vm_create(struct vm *vm, uint64_t ram_base, uint64_t ram_size);
void vm_create_vcpu(struct vm *vm);
void vcpu_set_reg(struct vm *vm, uint64_t id, uint64_t val);
uint64_t vcpu_get_reg(struct vm *vm, uint64_t id);
uint64_t vcpu_cpucfg_mask(struct vm *vm, unsigned int word);
void vcpu_set_pc(struct vm *vm, uint64_t pc);

#endif
