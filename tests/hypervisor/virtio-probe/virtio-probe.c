/*
 * virtio-probe: the root's end of the virtio bridge, minimal, for the
 * hypervisor's side of it: it answers a zone's config reads with fixed
 * values (0x000 MagicValue "virt", 0x004 Version 2, 0x008 DeviceID 0x1234,
 * anything else its offset), records writes, and answers a QueueNotify with
 * an interrupt on the zone's line 4 (HWI2), which an InterruptACK write
 * (0x064) lowers. It sleeps whenever the ring is empty (need_wakeup, the
 * driver's eventfd), and ends after a write of 0xdead to Status (0x070).
 * At the first notify of queue 1 it stops for 300 ms, a slow daemon: the
 * zone's burst of notifies behind it fills the ring, and the zone's CPU
 * must wait for room. One line per request on stdout, and a summary with
 * the most requests it ever found waiting.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <lvisor/ioctl.h>
#include <lvisor/virtio_bridge.h>

#define WINDOW 0x30001000UL
#define IRQ    4

static int dev;
static struct lvisor_bridge_page *b;

static uint64_t answer(uint64_t off)
{
    switch (off) {
    case 0x000:
        return 0x74726976;
    case 0x004:
        return 2;
    case 0x008:
        return 0x1234;
    }
    return off;
}

static void reply(uint32_t cpu, uint64_t value)
{
    b->cfg_values[cpu] = value;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __atomic_fetch_add(&b->cfg_flags[cpu], 1, __ATOMIC_SEQ_CST);
}

static void interrupt(uint32_t zone)
{
    uint32_t rear = b->res_rear & (LVISOR_BRIDGE_MAX_REQ - 1);
    b->res_list[rear] = (struct lvisor_bridge_res){zone, IRQ};
    __atomic_store_n(&b->res_rear, (rear + 1) & (LVISOR_BRIDGE_MAX_REQ - 1), __ATOMIC_SEQ_CST);
    if (ioctl(dev, HVISOR_FINISH_REQ) < 0)
        perror("FINISH_REQ");
}

int main(void)
{
    dev = open("/dev/hvisor", O_RDWR);
    if (dev < 0 || ioctl(dev, HVISOR_INIT_VIRTIO) < 0) {
        perror("virtio-probe: /dev/hvisor, INIT_VIRTIO");
        return 1;
    }
    b = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, dev, 0);
    int efd = eventfd(0, 0);
    if (b == MAP_FAILED || efd < 0 || ioctl(dev, HVISOR_SET_EVENTFD, efd) < 0) {
        perror("virtio-probe: bridge mmap, eventfd");
        return 1;
    }
    b->mmio_avail = 1;
    printf("virtio-probe: ready\n");
    fflush(stdout);
    unsigned long requests = 0, wakeups = 0, notifies = 0;
    unsigned most_waiting = 0;
    for (int done = 0; !done;) {
        uint32_t front = b->req_front & (LVISOR_BRIDGE_MAX_REQ - 1);
        if (front ==
            (__atomic_load_n(&b->req_rear, __ATOMIC_SEQ_CST) & (LVISOR_BRIDGE_MAX_REQ - 1))) {
            /* nothing to do: sleep until lvisor raises the wake-up line */
            __atomic_store_n(&b->need_wakeup, 1, __ATOMIC_SEQ_CST);
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            if (front == (b->req_rear & (LVISOR_BRIDGE_MAX_REQ - 1))) {
                struct pollfd p = {efd, POLLIN, 0};
                if (poll(&p, 1, 10000) > 0) {
                    uint64_t n;
                    if (read(efd, &n, sizeof(n)) == sizeof(n))
                        wakeups += n;
                }
            }
            __atomic_store_n(&b->need_wakeup, 0, __ATOMIC_SEQ_CST);
            continue;
        }
        unsigned waiting =
            (__atomic_load_n(&b->req_rear, __ATOMIC_SEQ_CST) - front) & (LVISOR_BRIDGE_MAX_REQ - 1);
        if (waiting > most_waiting)
            most_waiting = waiting;
        struct lvisor_bridge_req r = b->req_list[front];
        __atomic_store_n(&b->req_front, (front + 1) & (LVISOR_BRIDGE_MAX_REQ - 1),
                         __ATOMIC_SEQ_CST);
        requests++;
        uint64_t off = r.address - WINDOW;
        printf("req zone %u cpu %llu off 0x%llx size %llu %s 0x%llx%s\n", r.src_zone,
               (unsigned long long)r.src_cpu, (unsigned long long)off, (unsigned long long)r.size,
               r.is_write ? "write" : "read",
               (unsigned long long)(r.is_write ? r.value : answer(off)),
               r.need_interrupt ? " notify" : "");
        if (r.need_interrupt) {
            notifies++;
            if (r.value == 0)
                interrupt(r.src_zone);
            if (r.value == 1)
                usleep(300000);
            continue; /* nobody waits for an answer */
        }
        if (r.is_write && off == 0x064) {
            struct lvisor_deassert_irq_args d = {r.src_zone, IRQ};
            if (ioctl(dev, HVISOR_DEASSERT_IRQ, &d) < 0)
                perror("DEASSERT_IRQ");
        }
        if (r.is_write && off == 0x070 && r.value == 0xdead)
            done = 1;
        if (r.src_cpu < LVISOR_BRIDGE_MAX_CPUS)
            reply((uint32_t)r.src_cpu, r.is_write ? 0 : answer(off));
    }
    b->mmio_avail = 0; /* no more answers: lvisor stops sending requests */
    printf("virtio-probe: %lu requests, %lu notifies, woken %lu times, at most %u waiting\n",
           requests, notifies, wakeups, most_waiting);
    return 0;
}
