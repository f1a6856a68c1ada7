#!/usr/bin/python3
"""latency.py ROUNDS IDLE_SECONDS: timer wake-up latency seen by Linux
(sleeplat.c: 1000 sleeps of 1 ms, how late each wake-up is), in the root zone
and in zone1 under lvisor, and the same kernel natively on the same QEMU:
  root    lvisor's root zone (4 CPUs, 2 GiB; sleeplat pinned to CPU 0)
          against the kernel booted directly with -smp 4 -m 2G and the same
          initramfs and command line;
  zone1   zone1 (1 CPU, 256 MiB, its own device tree) against the zone's
          kernel, initramfs and device tree booted directly on one CPU
          (machine.py, NativeZone).
Twice: under -icount shift=0,sleep=off (1 round; a nanosecond of guest time
is then one instruction executed, so the figure is the instructions of the
wake-up path, host-independent), and in wall-clock time (ROUNDS rounds).

Then, in wall-clock time, the exits per second of idle vCPUs (lvisor's
per-vCPU counters, bench/lib/vcpu_counters.py, read from outside through
QMP over IDLE_SECONDS): zone1's CPU 1 with zone1 idle at its shell, and the
root's CPUs 0, 2 and 3 meanwhile; and the guest's interrupts per second
(zone1's /proc/interrupts, read just before and after)."""
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine import (BUILD, ICOUNT, LVISOR_ELF, QEMU, VMLINUX, Console, Machine,  # noqa: E402
                     NativeZone, vcpu_counters)
from vcpu_counters import VcpuCounters  # noqa: E402

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
idle_s = float(sys.argv[2]) if len(sys.argv) > 2 else 20
OUT = BUILD / "bench" / "zones"
LOGS = OUT / "logs"
INITRAMFS = OUT / "initramfs.cpio.gz"
ZONE_DTB = OUT / "overlay" / "usr" / "share" / "lvisor" / "zone1-linux.dtb"
ZONE_INITRAMFS = OUT / "overlay" / "usr" / "share" / "lvisor" / "zone-initramfs.cpio.gz"
ROOT_CMDLINE = "console=ttyS0,115200 earlycon rdinit=/init"  # platform/qemu-virt/root_zone.c
SLEEP = "sleeplat 1000 1000"
CAUSES = {0: "INT", 22: "GSPR", 1: "PIL", 2: "PIS", 23: "HVC"}
vc = VcpuCounters(str(LVISOR_ELF), CAUSES)


def figures(out):
    m = re.search(r"min (\d+) median (\d+) p99 (\d+) max (\d+) ns", out)
    assert m, out
    return tuple(int(x) for x in m.groups())


def guest_irqs(con, ncpu=1):
    """(timer interrupts, all interrupts) of CPU 0 from /proc/interrupts."""
    timer = total = 0
    for line in con.run("cat /proc/interrupts").splitlines():
        f = line.split()
        if len(f) <= ncpu or not f[0].endswith(":") or not f[1].isdigit():
            continue
        total += int(f[1])
        if line.rstrip().endswith("timer"):
            timer += int(f[1])
    return timer, total


def lvisor(tag, icount, idle=False):
    m = Machine(LOGS, f"latency-{tag}", initrd=INITRAMFS, icount=icount)
    res = {}
    try:
        res["root"] = figures(m.root.run(f"taskset -c 0 {SLEEP}", timeout=600))
        m.root.run("lvisor zone start /etc/lvisor/zone1-linux.json")
        z1 = m.uarts[1]
        z1.expect(r"lvisor guest up", timeout=600)
        z1.shell()
        res["zone1"] = figures(z1.run(SLEEP, timeout=600))
        if idle:
            time.sleep(2)
            i0, t_i0 = guest_irqs(z1), time.monotonic()
            t0, c0 = time.monotonic(), vcpu_counters(m.qmp, vc, range(4))
            time.sleep(idle_s)
            t1, c1 = time.monotonic(), vcpu_counters(m.qmp, vc, range(4))
            i1, t_i1 = guest_irqs(z1), time.monotonic()
            res["idle"] = (t1 - t0, c0, c1, (i1[0] - i0[0]) / (t_i1 - t_i0),
                           (i1[1] - i0[1]) / (t_i1 - t_i0))
        m.root.run("lvisor zone shutdown -id 1")
    finally:
        m.close()
    return res


def native_root(tag, icount):
    argv = [QEMU, "-M", "virt", "-cpu", "la464,lvz=on", "-smp", "4", "-m", "2G", "-nographic",
            "-no-reboot", "-nic", "none", "-kernel", str(VMLINUX), "-initrd", str(INITRAMFS),
            "-append", ROOT_CMDLINE] + (ICOUNT if icount else [])
    con = Console(argv, log_path=LOGS / f"latency-{tag}-native-root.log")
    try:
        con.shell(timeout=900)
        return figures(con.run(f"taskset -c 0 {SLEEP}", timeout=600))
    finally:
        con.close()


def native_zone(tag, icount):
    nz = NativeZone(LOGS, f"latency-{tag}-native-zone1", ZONE_DTB, ZONE_INITRAMFS, icount=icount)
    try:
        nz.start()
        nz.console.expect(r"lvisor guest up", timeout=600)
        nz.console.shell()
        return figures(nz.console.run(SLEEP, timeout=600))
    finally:
        nz.close()


def row(name, f):
    return f"{name:13} min {f[0]:7} median {f[1]:7} p99 {f[2]:7} max {f[3]:8}"


runs = {"icount": [], "wall": []}
lv = lvisor("icount", True)
runs["icount"].append((lv, native_root("icount", True), native_zone("icount", True)))
idle = None
for r in range(rounds):
    lv = lvisor(f"wall{r + 1}", False, idle=(r == 0))
    idle = idle or lv.get("idle")
    runs["wall"].append((lv, native_root(f"wall{r + 1}", False),
                         native_zone(f"wall{r + 1}", False)))

for mode, title in (("icount", "under -icount (ns = instructions executed)"),
                    ("wall", "wall clock")):
    print(f"== how late a 1 ms clock_nanosleep wakes (ns; 1000 sleeps), {title}")
    for i, (lv, nr, nz) in enumerate(runs[mode]):
        print(f"round {i + 1}:")
        print("  " + row("root lvisor", lv["root"]))
        print("  " + row("root native", nr))
        print("  " + row("zone1 lvisor", lv["zone1"]))
        print("  " + row("zone1 native", nz))
    for which, k in (("root", 1), ("zone1", 2)):
        h = statistics.median(lv[which][1] for lv, *_ in runs[mode])
        n = statistics.median(r[k][1] for r in runs[mode])
        print(f"{which:5} median lvisor/native: {h / n:.3f} ({h:.0f} / {n:.0f} ns"
              f"{', median of the rounds' if len(runs[mode]) > 1 else ''}; goal <= 1.1)")

dt, c0, c1, timer_s, irq_s = idle
print(f"== exits per second of idle vCPUs, wall clock, {dt:.1f} s (goal <= 10 on an idle "
      "tickless vCPU)")
for cpu, who in ((1, "zone1 (idle shell)"), (0, "root CPU 0"), (2, "root CPU 2"),
                 (3, "root CPU 3")):
    rate = {k: (c1[cpu][k] - c0[cpu][k]) / dt for k in c1[cpu]}
    causes = "  ".join(f"{name} {rate[c]:.1f}" for c, name in CAUSES.items())
    print(f"CPU {cpu} {who:20} exits/s {rate['all']:7.1f}  ({causes})")
print(f"zone1's own interrupts meanwhile: timer {timer_s:.1f}/s, all {irq_s:.1f}/s")
