"""A malicious zone against the root's virtio daemon. The bare-metal zone's
mode 4 (zone-bm-hostile.json, guests/zones/baremetal/virtio_hostile.c)
attacks its blk, net and console devices: descriptors outside its RAM, a
looping chain, bad indices, queue rings outside its RAM, reads of every
size at every offset, garbage in every register, and a blk ring that the
daemon's own reads keep refilling. Each bad queue puts that device into
DEVICE_NEEDS_RESET, nothing else does, and every device works again after a
reset; the daemon logs each device's bad queue once and runs on, and zone
1's Linux, served by the same daemon afterwards, uses its disk and console."""

import re

from lib.console import BOOT_TIMEOUT
from lib.zones import machine_fixtures

DEVICES = {"blk": 0x30001000, "net": 0x30002000, "console": 0x30003000}
# a bad chain on a live device (status 0x0f) and bad queue areas at QueueReady (0x0b)
BAD_CHAINS = ["outside-ram", "zone1-ram", "across-end", "huge-length", "wraps", "loop",
              "next-past-queue", "indirect", "avail-idx-jump", "head-past-queue"]
BAD_AREAS = ["desc-table-across-end", "avail-ring-outside", "used-ring-host-address"]
# 128 offsets x 4 sizes, of which an 8-byte access at 0x1fc runs past the window
READS = "511 answered, 1 refused by lvisor, 0 unexpected; no needs-reset (status 0x0f)"
# four rounds; the last writes 0 to Status, a reset
GARBAGE = "2044 written, 4 refused by lvisor, 0 unexpected; no needs-reset (status 0x00)"
EXPECTED = {
    **{a: "needs-reset (status 0x4f, config interrupt), recovered" for a in BAD_CHAINS},
    **{a: "needs-reset (status 0x4b, config interrupt), recovered" for a in BAD_AREAS},
    "reads": READS + ", recovered",
    "garbage": GARBAGE + ", recovered",
}
# blk: 1001 chains in a row from one notify; the daemon answers the zone's next read between
# them (a queue's worth at a time), not once the ring has run dry
REFILLING = ("1001 chains, a read answered between them; no needs-reset (status 0x0f), "
             "recovered")
LOG = "/var/log/lvisor-virtio.log"


machine, show_consoles = machine_fixtures("test_zone_virtio_hostile")


def daemon_log(root):
    """The daemon's log, without the time stamps."""
    return [l.split("] ", 1)[1] for l in root.run(f"cat {LOG}").splitlines()]


def test_hostile_zone_hurts_no_one(machine):
    root = machine.root
    # zone 3's disk: sector 0 as the zone checks it; zone 1's: an empty ext2
    root.run("dd if=/dev/zero of=/tmp/hostile-disk.img bs=1M count=1 2>/dev/null && "
             "printf 'lvisor hostile zone disk' | dd of=/tmp/hostile-disk.img conv=notrunc "
             "2>/dev/null")
    root.run("dd if=/dev/zero of=/tmp/zone1-disk.img bs=1M count=16 2>/dev/null && "
             "mke2fs -F -q /tmp/zone1-disk.img")
    out = root.run("lvisor virtio start /etc/lvisor/virtio-hostile.json", timeout=60)
    pid = re.search(r"lvisor virtio: running as pid (\d+)", out).group(1)
    ptys = dict(re.findall(r"^zone (\d) console@0x\w+: (/dev/pts/\d+)$", out, re.M))
    cat = root.run(f"cat {ptys['3']} > /tmp/hostile-console.out & echo $!")

    assert machine.start("zone-bm-hostile.json") == 3
    bm = machine.uarts[3]
    bm.expect(r"hostile: done, (\d+) attacks, (\d+) needs-reset, (\d+) recovered", timeout=180)
    assert bm.child.match.groups() == ("46", "39", "46"), bm.child.match.group(0)
    lines = bm.child.before.replace("\r", "").splitlines()
    assert "hostile: blk up, capacity 2048: works" in lines
    assert "hostile: net up, mac 0x02:0x00:0x00:0x00:0x00:0x03: works" in lines
    assert "hostile: console up: works" in lines
    for dev in DEVICES:
        got = dict(m.groups() for m in
                   (re.match(rf"hostile: {dev} (?!up\b)([\w-]+): (.*)$", l) for l in lines) if m)
        want = dict(EXPECTED)
        if dev == "blk":
            want["refilling-ring"] = REFILLING
        assert got == want, dev

    # the daemon runs on, and its log has what it serves, then each device once: its
    # first bad queue, its first access of a wrong size, its first notify of no queue
    assert root.run("pidof lvisor-virtio") == pid
    log = daemon_log(root)
    assert log == [
        "zone 3 blk@0x30001000: /tmp/hostile-disk.img, irq 4",
        "zone 3 net@0x30002000: tap3, irq 5",
        f"zone 3 console@0x30003000: {ptys['3']}, irq 6",
        f"zone 1 console@0x30001000: {ptys['1']}, irq 7",
        "zone 1 blk@0x30002000: /tmp/zone1-disk.img, irq 5",
        "zone 1 net@0x30003000: tap1, irq 6",
        f"serving 6 devices (pid {pid})",
    ] + [line for dev, addr in DEVICES.items() for line in (
        f"zone 3 {dev}@0x{addr:x}: queue {0 if dev == 'blk' else 1}: buffer 0x1000000 + 0x200 "
        "is outside the zone's memory: device needs reset (logged once)",
        f"zone 3 {dev}@0x{addr:x}: 1-byte read at offset 0x0 refused; such accesses are logged "
        "once",
        f"zone 3 {dev}@0x{addr:x}: notify of queue 4294967295, which it has not (logged once)")]
    # lvisor refused the accesses that ran past a window, in the zone itself
    for addr in DEVICES.values():
        assert machine.log_count(f"zone 3 vCPU 0: read of GPA {addr + 0x1fc:x}") == 1
        assert machine.log_count(f"zone 3 vCPU 0: write of GPA {addr + 0x1fc:x}") == 4
    # each good request after a reset reached the back end: 1 + 15 each
    assert root.run("grep -c 'hostile: console ok' /tmp/hostile-console.out") == "16"
    assert root.run("cat /sys/class/net/tap3/statistics/rx_packets") == "16"
    root.run(f"kill {cat}")
    machine.shutdown(3)
    # lvisor had the daemon reset the stopped zone's devices
    log += [f"zone 3 {dev}@0x{addr:x}: reset: the zone stopped" for dev, addr in DEVICES.items()]
    assert daemon_log(root) == log

    # zone 1's Linux, served by the same daemon: its disk, console and network work
    machine.start("zone1-linux.json")
    z1 = machine.uarts[1]
    z1.expect(r"lvisor guest up: Linux \S+, 1 CPUs", timeout=BOOT_TIMEOUT)
    z1.shell()
    z1.run("echo 1 > /proc/sys/kernel/printk")  # ext4's messages would split command output
    assert z1.run("cat /sys/block/vda/size") == "32768"  # 16 MiB in 512-byte sectors
    z1.run("mkdir -p /mnt && mount /dev/vda /mnt && echo written-after-the-attacks > /mnt/f && "
           "sync && umount /mnt && mount /dev/vda /mnt", timeout=60)
    assert z1.run("cat /mnt/f") == "written-after-the-attacks"
    z1.run("umount /mnt")
    root.run(f"(timeout 10 cat {ptys['1']} > /tmp/console1.out 2>/dev/null &)")
    z1.run("echo hello-after-the-attacks > /dev/hvc0")
    root.run("sleep 2")
    assert "hello-after-the-attacks" in root.run("cat /tmp/console1.out")
    root.run("ip addr add 10.0.1.1/24 dev tap1")
    z1.run("ip addr add 10.0.1.2/24 dev eth0 && ip link set eth0 up")
    out = z1.run("ping -c 3 -W 5 10.0.1.1", timeout=60)
    assert "3 packets transmitted, 3 packets received" in out, out
    machine.shutdown(1)
    # strings first: busybox grep takes minutes over an image that is one 16 MiB line of zeros
    assert root.run("strings /tmp/zone1-disk.img | grep -c written-after-the-attacks") == "1"
    assert root.run("pidof lvisor-virtio") == pid
    # zone 1's Linux gave the daemon nothing to log but its devices' resets when it stopped
    log += [f"zone 1 {dev}@0x{addr:x}: reset: the zone stopped"
            for dev, addr in (("console", 0x30001000), ("blk", 0x30002000), ("net", 0x30003000))]
    assert daemon_log(root) == log
    assert root.run("lvisor virtio stop", timeout=60) == f"lvisor virtio: stopped (pid {pid})"
