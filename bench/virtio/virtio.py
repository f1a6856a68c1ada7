#!/usr/bin/python3
"""virtio.py ROUNDS IDLE_SECONDS OUT: zone1's virtio devices against the
root zone's own, in wall-clock time, on one machine (tests/lib/zones.py:
lvisor on 4 CPUs, 2 GiB; the daemon serves zone1 with
/etc/lvisor/virtio-zone1.json; zone1 runs on CPU 1, the root on 0, 2, 3).

  disk     zone1 writes a 64 MiB file to the ext4 on its virtio disk
           (dd bs=1M conv=fsync), drops its page cache and reads it back; the
           root writes and reads 64 MiB of the same image file (on the root's
           RAM file system: no cache to drop). Zone / root, best of ROUNDS.
           Also zone1 reading its disk device itself in 4 MiB O_DIRECT requests.
  root CPU the root's busy share of its CPUs (/proc/stat) while zone1 reads:
           the daemon's work, in CPUs' worth.
  net      32 MiB over TCP (busybox nc) zone1 -> root through virtio-net and
           the tap, against the root to itself over loopback; ping round
           trips (20, 0.2 s apart) zone1 -> root against root -> loopback.
  console  ptytype: 300 lines typed into zone1's shell through the daemon's
           pty: from a line's write to its first echoed byte, and to its
           answer; medians.
  reads    a bare-metal zone (zone-bm-cost.json, on CPU 3) times 1,000 reads
           each of its RAM, its UART (trapped, answered by lvisor) and a
           virtio register (trapped, answered by the daemon), from the load
           to its result, with its 100 MHz counter.
  idle     the daemon's CPU time (/proc/PID/stat) over IDLE_SECONDS with
           zone1 idle at its shell, its devices set up.
Prints a table; dd's and time's own figures are the guests' clocks."""
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "tests"))
from lib.console import BOOT_TIMEOUT  # noqa: E402
from lib.zones import ZoneMachine  # noqa: E402

rounds = int(sys.argv[1])
idle_s = float(sys.argv[2])
out_dir = Path(sys.argv[3])
MIB = 64
NET_MIB = 32


def dd_seconds(out):
    m = re.search(r"copied, ([\d.]+) seconds", out)
    assert m, out
    return float(m.group(1))


def real_seconds(out):
    """busybox time's `real 0m 1.23s` (or `real 1m 2.34s`)."""
    m = re.search(r"real\s+(\d+)m\s*([\d.]+)s", out)
    assert m, out
    return int(m.group(1)) * 60 + float(m.group(2))


def busy_jiffies(con):
    """(busy, total) jiffies of all the CPUs of the guest, from /proc/stat."""
    f = [int(x) for x in con.run("head -1 /proc/stat").split()[1:]]
    idle = f[3] + f[4]
    return sum(f) - idle, sum(f)


def main():
    m = ZoneMachine(out_dir / "logs", "virtio")
    root = m.root
    try:
        root.run("mkfs.ext4 -q /root/zone1-disk.img 160M", timeout=120)
        served = root.run("lvisor virtio start /etc/lvisor/virtio-zone1.json", timeout=60)
        pty = re.search(r"console@0x30001000: (\S+)", served).group(1)
        daemon = int(root.run("pidof lvisor-virtio"))
        m.start("zone1-linux.json")
        z = m.uarts[1]
        z.expect(r"lvisor guest up", timeout=BOOT_TIMEOUT)
        z.shell()
        z.run("mkdir -p /mnt && mount -t ext4 /dev/vda /mnt")
        root.run("ip link set lo up && ip addr add 10.0.1.1/24 dev tap1")
        z.run("ip addr add 10.0.1.2/24 dev eth0 && ip link set eth0 up && ping -c 1 -W 5 10.0.1.1",
              timeout=60)

        rows = []
        wz, rz, wr, rr, cpu = [], [], [], [], []
        for _ in range(rounds):
            wz.append(dd_seconds(z.run(f"rm -f /mnt/f; dd if=/dev/zero of=/mnt/f bs=1M "
                                       f"count={MIB} conv=fsync 2>&1", timeout=600)))
            z.run("sync; echo 3 > /proc/sys/vm/drop_caches")
            b0, t0 = busy_jiffies(root)
            rz.append(dd_seconds(z.run("dd if=/mnt/f of=/dev/null bs=1M 2>&1", timeout=600)))
            b1, t1 = busy_jiffies(root)
            ncpu = int(root.run("nproc"))
            cpu.append((b1 - b0) / (t1 - t0) * ncpu)
            wr.append(dd_seconds(root.run(f"dd if=/dev/zero of=/root/w.img bs=1M count={MIB} "
                                          f"conv=fsync 2>&1; rm /root/w.img", timeout=600)))
            rr.append(dd_seconds(root.run(f"dd if=/root/zone1-disk.img of=/dev/null bs=1M "
                                          f"count={MIB} 2>&1", timeout=600)))
        # the same file's blocks read from the disk in 4 MiB requests (O_DIRECT, no readahead,
        # no page cache): what the path costs per byte rather than per request
        dz = [dd_seconds(z.run(f"dd if=/dev/vda of=/dev/null bs=4M count={MIB // 4} "
                               f"iflag=direct 2>&1", timeout=600)) for _ in range(rounds)]
        mbps = lambda secs: MIB / min(secs)  # noqa: E731
        rows.append(("disk read, MiB/s", mbps(rz), mbps(rr), mbps(rz) / mbps(rr), ">= 0.5"))
        rows.append(("disk read, O_DIRECT 4 MiB requests, MiB/s", mbps(dz), mbps(rr),
                     mbps(dz) / mbps(rr), "-"))
        rows.append(("disk write, MiB/s", mbps(wz), mbps(wr), mbps(wz) / mbps(wr), "-"))
        rows.append(("root CPUs busy while zone1 reads (CPUs)", min(cpu), None, None, "-"))

        tz, tr = [], []
        for _ in range(rounds):
            root.run("(nc -l -p 5002 >/dev/null &); sleep 1")
            tz.append(real_seconds(z.run(
                f"time sh -c 'dd if=/dev/zero bs=64k count={NET_MIB * 16} 2>/dev/null | "
                f"nc 10.0.1.1 5002' 2>&1", timeout=600)))
            root.run("(nc -l -p 5003 >/dev/null &); sleep 1")
            tr.append(real_seconds(root.run(
                f"time sh -c 'dd if=/dev/zero bs=64k count={NET_MIB * 16} 2>/dev/null | "
                f"nc 127.0.0.1 5003' 2>&1", timeout=600)))
        rows.append(("TCP zone1 -> root (root: loopback), MiB/s", NET_MIB / min(tz),
                     NET_MIB / min(tr), min(tr) / min(tz), "-"))

        def rtt(con, addr):
            o = con.run(f"ping -c 20 -i 0.2 {addr}", timeout=120)
            return float(re.search(r"min/avg/max = [\d.]+/([\d.]+)/", o).group(1))
        pz, pr = rtt(z, "10.0.1.1"), rtt(root, "127.0.0.1")
        rows.append(("ping round trip, avg ms", pz, pr, pz / pr, "-"))

        o = root.run(f"/lib/lvisor-tests/ptytype {pty} 300", timeout=600)
        assert "lost 0" in o, o
        echo = int(re.search(r"echo latency us: median (\d+)", o).group(1))
        answer = int(re.search(r"answer latency us: median (\d+)", o).group(1))
        rows.append(("console: key to its echo, median us", echo, None, None, "-"))
        rows.append(("console: line to its answer, median us", answer, None, None, "-"))

        def cpu_ticks():
            f = root.run(f"cat /proc/{daemon}/stat").rsplit(")", 1)[1].split()
            return int(f[11]) + int(f[12])  # utime, stime (fields 14, 15)
        hz = 100  # USER_HZ
        c0, w0 = cpu_ticks(), time.monotonic()
        time.sleep(idle_s)
        c1, w1 = cpu_ticks(), time.monotonic()
        rows.append((f"daemon CPU idle over {idle_s:.0f} s, % of a CPU",
                     100.0 * (c1 - c0) / hz / (w1 - w0), None, None, "< 1"))
        z.run("umount /mnt")
        m.shutdown(1)
        root.run("lvisor virtio stop", timeout=60)

        # the bare-metal zone times its reads; the daemon serves it a disk at 0x30001000
        root.run("dd if=/dev/zero of=/tmp/hostile-disk.img bs=1M count=1 2>/dev/null && "
                 "cp /tmp/hostile-disk.img /tmp/zone1-disk.img && "
                 "lvisor virtio start /etc/lvisor/virtio-hostile.json", timeout=60)
        m.start("zone-bm-cost.json")
        bm = m.uarts[3]
        bm.expect(r"cost: done", timeout=120)
        for what in ("ram", "uart", "virtio"):
            mo = re.search(rf"cost: {what}: min (\d+) ns, median (\d+) ns", bm.screen())
            assert mo, bm.screen()
            rows.append((f"zone register read, {what}, median ns (min)",
                         f"{int(mo.group(2))} ({int(mo.group(1))})", None, None, "-"))
        m.shutdown(3)
        root.run("lvisor virtio stop", timeout=60)
    finally:
        m.close()

    print(f"virtio: {rounds} rounds, best of each; wall clock, 2026-12 LVZ QEMU")
    print(f"{'measure':46} {'zone1':>10} {'root':>10} {'zone/root':>10}  goal")
    for what, zv, rv, ratio, goal in rows:
        def fmt(v):
            if v is None or isinstance(v, str):
                return v or "-"
            return f"{v:.3g}" if v < 100 else f"{v:.0f}"
        print(f"{what:46} {fmt(zv):>10} {fmt(rv):>10} {fmt(ratio):>10}  {goal}")


main()
