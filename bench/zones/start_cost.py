#!/usr/bin/python3
"""start_cost.py RUNS: lvisor's own instructions for ZONE_START and
ZONE_SHUTDOWN, median of RUNS (default 5) of each, for the bare-metal zone
(zone-bm.json: CPU 3, 16 MiB) and the Linux zone1 (zone1-linux.json: CPU 1,
256 MiB, device tree and EFI boot data).

One machine (hypervisor/run.sh --smp 4 --mem 2G, -icount shift=0,sleep=off),
the root at its shell; the zone images are in the root's initramfs and the
CLI loads them before its hypercall, so none of that is counted. Each
`lvisor zone start|shutdown` runs pinned to root CPU 0 and is counted by
Machine.zone_admin (machine.py): from lvisor's zone_admin_start or
zone_admin_shutdown on CPU 0 to its return, plus what the zone's CPU does
for it (leaving the root, entering the zone up to its first instruction;
stopping), the CPUs run one at a time so that no CPU spins while it waits
for the other. The hypercall's way in and out of lvisor (about 135
instructions, bench/hypercall) is not in it.

One more start and shutdown of each zone stops CPU 0 at the first call of
some of lvisor's functions on the way and prints the instructions between:
the breakdown. A last start and shutdown of the bare-metal zone run with every CPU running
(no serializing): the instructions of the whole machine between the entry
and the return, spinning included."""
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine import BUILD, Machine, zone_entry  # noqa: E402

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
ZONES = [("zone-bm.json", 3, "bare-metal", r"zone-bm: beat 1"),
         ("zone1-linux.json", 1, "zone1", r"lvisor guest up")]


def unserialized(m, command, fn_name):
    g = m.attach()
    fn = m.syms[fn_name][0]
    g.break_at(fn)
    g.resume()
    m.root.sendline(f"taskset -c 0 {command}")
    caller = g.wait_stop(300)
    n0 = m.icount()
    ret = g.reg(caller, 1)
    g.clear(fn)
    g.break_at(ret)
    g.resume()
    assert g.wait_stop(300) == caller
    n = m.icount() - n0
    g.clear(ret)
    m.release()
    m.root.expect(m.root.prompt, timeout=120)
    return n


# functions whose first call ends a phase of the breakdown (in the order they come)
START_MARKS = ["memcpy", "zone_request_check", "fdt_chosen_bootargs", "zone_create",
               "zone_arch_map", "vcpu_arch_init", "log_printk", "prepare_boot"]
STOP_MARKS = ["zone_destroy", "zone_arch_destroy", "log_printk"]
m = Machine(BUILD / "bench" / "zones" / "logs", "start-cost", consoles="file")
results, traces = {}, []
try:
    for config, zid, name, up in ZONES:
        starts, stops = [], []
        for _ in range(runs):
            n, _, ph = m.zone_admin(f"lvisor zone start /etc/lvisor/{config}", "zone_admin_start",
                                    zone_entry(config))
            starts.append((n, ph))
            m.release()
            m.root.expect(m.root.prompt, timeout=120)
            m.uarts[zid].expect(up, timeout=600)
            n, _, ph = m.zone_admin(f"lvisor zone shutdown -id {zid}", "zone_admin_shutdown")
            stops.append((n, ph))
            m.release()
            m.root.expect(m.root.prompt, timeout=120)
        results[name] = (starts, stops)
    # one more of each, with breakpoints on the way: where the instructions go
    for config, zid, name, up in ZONES:
        n, _, ph = m.zone_admin(f"lvisor zone start /etc/lvisor/{config}", "zone_admin_start",
                                zone_entry(config), marks=START_MARKS)
        traces.append((name, "ZONE_START", n, ph))
        m.release()
        m.root.expect(m.root.prompt, timeout=120)
        m.uarts[zid].expect(up, timeout=600)
        n, _, ph = m.zone_admin(f"lvisor zone shutdown -id {zid}", "zone_admin_shutdown",
                                marks=STOP_MARKS)
        traces.append((name, "ZONE_SHUTDOWN", n, ph))
        m.release()
        m.root.expect(m.root.prompt, timeout=120)
    config, zid, name, up = ZONES[0]
    u_start = unserialized(m, f"lvisor zone start /etc/lvisor/{config}", "zone_admin_start")
    m.uarts[zid].expect(up, timeout=600)
    u_stop = unserialized(m, f"lvisor zone shutdown -id {zid}", "zone_admin_shutdown")
finally:
    m.close()


def by_cpu(ph):
    cpus = {}
    for cpu, _, n in ph:
        cpus[cpu] = cpus.get(cpu, 0) + n
    return cpus


def phases(runs_):
    per = [by_cpu(ph) for _, ph in runs_]
    cpus = sorted({c for p in per for c in p})
    return ", ".join(f"CPU {c} {statistics.median(p.get(c, 0) for p in per):.0f}" for c in cpus)


print(f"== lvisor's instructions per zone start and shutdown (median of {runs}; serialized)")
for name, (starts, stops) in results.items():
    for what, rs in (("ZONE_START", starts), ("ZONE_SHUTDOWN", stops)):
        ns = [n for n, _ in rs]
        print(f"{name:10} {what:13} {statistics.median(ns):8.0f}  "
              f"(min {min(ns)}, max {max(ns)}; by CPU, medians: {phases(rs)})")
print(f"bare-metal, every CPU running: ZONE_START {u_start}, ZONE_SHUTDOWN {u_stop} "
      "(whole machine from entry to return, spinning included)")
print("== where they go (one more run of each, CPU 0 stopped where each listed function is first "
      "called)")
for name, what, n, ph in traces:
    print(f"{name} {what} {n}: " + "; ".join(f"CPU {c} to {to} {k}" for c, to, k in ph))
