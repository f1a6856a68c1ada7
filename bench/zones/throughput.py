#!/usr/bin/python3
"""throughput.py ROUNDS: the root zone's throughput on CPU 0 while zone1
boots on CPU 1, in wall-clock time (no -icount: with -icount all CPUs share
one instruction-driven clock, so a second busy CPU would halve the first's
time by construction).

One machine (hypervisor/run.sh --smp 4 --mem 2G), the root at its shell,
the zones' UARTs in files (machine.py, FileConsole: a zone never waits for
this script to read its console, as it would on a socket). A
CPU-bound busybox sh loop (`i=$((i+1))` N times) runs pinned to root CPU 0
under busybox `time`; its real time is the figure. A warm-up zone boot
measures how long zone1 takes from `lvisor zone start` to its prompt, and N
is set so that the loop alone takes about twice as long (beside the busy
CPU 0 the zone boots slower than in the warm-up). Then ROUNDS rounds of
three runs side by side:
  alone    the loop, nothing else;
  zone     `lvisor zone start` of zone1 in the background, pinned to root
           CPU 2 (it loads the images there), and the loop at once; zone1
           boots on CPU 1 meanwhile (the script checks that its prompt came
           before the loop ended, and says by how much it did not if not);
  busy     the same loop on root CPU 1 in the background instead of the
           zone: a second busy vCPU and nothing of lvisor's zone code, the
           share of the slowdown that is the emulator's host threads
           competing for the host's cores.
Throughput = time alone / time with, best of the ROUNDS runs of each (other
work on the host only ever slows a run down), and the per-round ratios'
median and range beside it. Also prints lvisor's exits on CPU 0 during each
run (its counters, bench/lib/vcpu_counters.py)."""
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine import BUILD, LVISOR_ELF, PROMPT, Machine, vcpu_counters  # noqa: E402
from vcpu_counters import VcpuCounters  # noqa: E402

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
vc = VcpuCounters(str(LVISOR_ELF), [])
START = "taskset -c 2 lvisor zone start /etc/lvisor/zone1-linux.json >/dev/null"


def loop(n, cpu=0):
    return f"taskset -c {cpu} sh -c 'i=0; while [ $i -lt {n} ]; do i=$((i+1)); done'"


def real(out):
    m = re.search(r"real\s+(\d+)m\s*([\d.]+)s", out)
    assert m, out
    return int(m.group(1)) * 60 + float(m.group(2))


m = Machine(BUILD / "bench" / "zones" / "logs", "throughput", icount=False, consoles="file")
z1 = m.uarts[1]


def timed(command):
    c0 = vcpu_counters(m.qmp, vc, [0])[0]["all"]
    out = m.root.run(command, timeout=600)
    c1 = vcpu_counters(m.qmp, vc, [0])[0]["all"]
    return real(out), c1 - c0


try:
    t0 = time.monotonic()
    m.root.run(START)
    z1.expect(r"lvisor guest up", timeout=600)
    z1.expect(PROMPT, timeout=120)
    boot_s = time.monotonic() - t0
    m.root.run("lvisor zone shutdown -id 1")
    t_cal, _ = timed(f"time {loop(50000)} 2>&1")
    # twice the warm-up boot: the zone boots slower beside a busy CPU 0
    n = max(10000, int(2 * 50000 * boot_s / t_cal / 1000) * 1000)
    results = {"alone": [], "zone": [], "busy": []}
    lateness = []
    for r in range(rounds):
        results["alone"].append(timed(f"time {loop(n)} 2>&1"))
        results["zone"].append(timed(f"{START} & time {loop(n)} 2>&1; wait"))
        t_end = time.monotonic()
        try:  # already there if it came while the loop ran
            z1.expect(r"lvisor guest up", timeout=0.01)
            z1.expect(PROMPT, timeout=0.01)
            lateness.append(0.0)
        except TimeoutError:
            z1.expect(PROMPT, timeout=600)
            lateness.append(time.monotonic() - t_end)
        m.root.run("lvisor zone shutdown -id 1")
        results["busy"].append(timed(f"{loop(20 * n, 1)} & p=$!; time {loop(n)} 2>&1; "
                                     "kill $p; wait"))
finally:
    m.close()

print("== root CPU 0 throughput while zone1 boots on CPU 1 (wall clock; goal >= 0.95)")
print(f"zone1 boot (warm-up, start command to prompt): {boot_s:.2f} s; loop: {n} iterations")
for what, rs in results.items():
    print(f"{what:6} " + "  ".join(f"{t:.2f}s" for t, _ in rs)
          + "   exits on CPU 0: " + " ".join(str(e) for _, e in rs)
          + f" (median {statistics.median(e for _, e in rs):.0f})")
best_alone = min(t for t, _ in results["alone"])
for what in ("zone", "busy"):
    ratios = [a / w for (a, _), (w, _) in zip(results["alone"], results[what])]
    best = best_alone / min(t for t, _ in results[what])
    print(f"throughput with {what:4}: {best:.3f} best-of-{rounds} "
          f"(per-round ratios: median {statistics.median(ratios):.3f}, "
          f"range {min(ratios):.3f}-{max(ratios):.3f})")
print("zone1's prompt came " + ("while the loop ran, in every round" if not any(lateness) else
      "after the loop's end by " + " ".join(f"{x:.2f}" for x in lateness) + " s"))
