/* Requests to devices, and the devices built from the config. */
#include "serve.h"
#include "log.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

static struct vdev *find(struct daemon *dm, uint32_t zone, uint64_t addr)
{
    for (unsigned i = 0; i < dm->ndevs; i++) {
        struct vdev *d = &dm->devs[i];
        if (d->zone == zone && addr >= d->base && addr - d->base < d->len)
            return d;
    }
    return NULL;
}

/* One more batch of each queue whose last batch was cut short. */
static unsigned serve_more(struct daemon *dm)
{
    unsigned n = 0;
    for (unsigned i = 0; i < dm->ndevs; i++) {
        struct vdev *d = &dm->devs[i];
        uint32_t more = d->more;
        d->more = 0;
        for (unsigned q = 0; q < d->ops->nqueues; q++)
            if ((more >> q & 1) && vdev_queue(d, q)) {
                d->ops->notify(d, q);
                n++;
            }
    }
    return n;
}

unsigned serve_requests(struct daemon *dm)
{
    unsigned n = serve_more(dm);
    struct mmio_req r;
    while (bridge_pop(&dm->bridge, &r)) {
        n++;
        struct vdev *d = find(dm, r.zone, r.addr);
        uint64_t v = 0;
        if (d) {
            v = vdev_access(d, r.addr - d->base, r.size, r.write, r.value);
            /* A Status write nobody waits for comes from the hypervisor, never from a zone
             * (a zone's own writes wait): its zone stopped, and the device was reset. */
            if (r.notify && r.write && r.addr - d->base == VIRTIO_MMIO_STATUS && r.value == 0)
                logf_("%s: reset: the zone stopped", d->name);
        } else {
            dm->unknown++;
            log_once(&dm->unknown_logged,
                     "zone %u CPU %u: %s of 0x%llx, where it has no device (answered 0; logged "
                     "once)",
                     r.zone, r.cpu, r.write ? "write" : "read", (unsigned long long)r.addr);
        }
        bridge_reply(&dm->bridge, &r, v);
    }
    return n;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (unsigned i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static bool add_device(struct daemon *dm, const struct vcfg *cfg, const struct vcfg_dev *cd,
                       char *err, size_t errlen)
{
    unsigned i = dm->ndevs;
    struct vdev *d = &dm->devs[i];
    const struct vcfg_zone *cz = &cfg->zones[cd->zone];
    const struct zone_mem *mem = &dm->zones[cd->zone].mem;
    if (cd->type == VCFG_CONSOLE) {
        struct console *c = &dm->consoles[i];
        if (!console_open(c)) {
            snprintf(err, errlen, "zone %u console at 0x%llx: cannot open a pty: %s", cz->id,
                     (unsigned long long)cd->addr, strerror(errno));
            return false;
        }
        vdev_init(d, &console_ops, c, cz->id, cd->addr, cd->len, cd->irq, mem, &dm->bridge);
        put_le32(d->config + 4, 1); /* max_nr_ports */
        d->config_len = 12;
    } else if (cd->type == VCFG_NET) {
        struct net *n = &dm->nets[i];
        if (!net_open(n, cd->tap, cd->mac)) {
            snprintf(err, errlen, "zone %u net at 0x%llx: tap %s: %s", cz->id,
                     (unsigned long long)cd->addr, cd->tap, strerror(errno));
            return false;
        }
        vdev_init(d, &net_ops, n, cz->id, cd->addr, cd->len, cd->irq, mem, &dm->bridge);
        net_config(d);
    } else {
        struct blk *b = &dm->blks[i];
        char id[24];
        snprintf(id, sizeof(id), "lvisor-z%u-%llx", cz->id, (unsigned long long)cd->addr);
        if (!blk_open(b, cd->img, id)) {
            snprintf(err, errlen, "zone %u blk at 0x%llx: %s: %s", cz->id,
                     (unsigned long long)cd->addr, cd->img,
                     errno == EINVAL ? "not a regular file" : strerror(errno));
            return false;
        }
        vdev_init(d, b->ro ? &blk_ro_ops : &blk_ops, b, cz->id, cd->addr, cd->len, cd->irq, mem,
                  &dm->bridge);
        blk_config(d);
        if (b->ro)
            logf_("%s: %s is read-only: offered read-only", d->name, cd->img);
    }
    dm->bridge.page->mmio_addrs[i] = cd->addr;
    dm->ndevs++;
    return true;
}

bool daemon_setup(struct daemon *dm, const struct vcfg *cfg, struct lvisor_bridge_page *page,
                  const struct hv_ops *hv, map_fn map, void *ctx, char *err, size_t errlen)
{
    memset(dm, 0, sizeof(*dm));
    for (unsigned i = 0; i < BRIDGE_MAX_DEVS; i++) {
        dm->consoles[i].master = dm->consoles[i].slave = -1;
        dm->blks[i].fd = -1;
        dm->nets[i].fd = -1;
    }
    bridge_init(&dm->bridge, page, hv);
    for (unsigned z = 0; z < cfg->nzones; z++) {
        const struct vcfg_zone *cz = &cfg->zones[z];
        struct vzone *vz = &dm->zones[z];
        vz->id = cz->id;
        for (unsigned r = 0; r < cz->nregions; r++) {
            const struct vcfg_region *cr = &cz->regions[r];
            char why[160] = "";
            void *p = map(ctx, cr->zone0_ipa, cr->size, why, sizeof(why));
            if (!p) {
                snprintf(err, errlen, "zone %u: cannot map 0x%llx bytes at 0x%llx: %s", cz->id,
                         (unsigned long long)cr->size, (unsigned long long)cr->zone0_ipa, why);
                return false;
            }
            vz->mem.r[vz->mem.n++] =
                (struct mem_region){.gpa = cr->zonex_ipa, .size = cr->size, .host = p};
        }
    }
    dm->nzones = cfg->nzones;
    for (unsigned i = 0; i < cfg->ndevs; i++) {
        if (!add_device(dm, cfg, &cfg->devs[i], err, errlen)) {
            daemon_teardown(dm);
            return false;
        }
    }
    return true;
}

void daemon_start(struct daemon *dm)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __atomic_store_n(&dm->bridge.page->mmio_avail, 1, __ATOMIC_RELEASE);
}

void daemon_teardown(struct daemon *dm)
{
    struct lvisor_bridge_page *p = dm->bridge.page;
    __atomic_store_n(&p->mmio_avail, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&p->need_wakeup, 0, __ATOMIC_RELEASE);
    for (unsigned i = 0; i < dm->ndevs; i++) {
        struct vdev *d = &dm->devs[i];
        if (d->irq_up) {
            bridge_deassert(&dm->bridge, d->zone, d->irq);
            d->irq_up = false;
        }
    }
    for (unsigned i = 0; i < BRIDGE_MAX_DEVS; i++) {
        console_close(&dm->consoles[i]);
        blk_close(&dm->blks[i]);
        net_close(&dm->nets[i]);
    }
    dm->ndevs = 0;
}
