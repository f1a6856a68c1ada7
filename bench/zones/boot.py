#!/usr/bin/python3
"""boot.py ROUNDS: instructions from a Linux zone's ZONE_START hypercall to its
shell prompt (zone1: 1 CPU, 256 MiB), under lvisor and natively.

lvisor: one machine (hypervisor/run.sh --smp 4 --mem 2G, -icount
shift=0,sleep=off), the root zone at its shell. Each round types `lvisor
zone start /etc/lvisor/zone1-linux.json` and stops every CPU at lvisor's
zone_admin_start (gdbstub breakpoint): the count starts there. The start
runs serialized (machine.py, Machine.zone_admin) up to the zone's first
instruction; then only the zone's CPU runs (the root's CPUs stay stopped)
until the zone's shell prompt appears on its UART, so the figure holds the
ZONE_START hypercall's work on every CPU and everything the zone's CPU
executes, guest and lvisor, and nothing of the root. A last round lets every
CPU run from the breakpoint on, as when a user starts the zone: that figure
also holds the root's instructions meanwhile (the CLI returning, its idle
CPUs' timers, CPUs spinning while another is asked).

native: the zone's kernel, initramfs and device tree on the same QEMU, one
CPU (machine.py, NativeZone), counted from reset to the same prompt.

The zones' UARTs (and the native one) are files (machine.py, FileConsole),
so that no guest ever waits for this script to read its console.
"idle drift": how fast the count grows at the idle prompt (per host second;
with sleep=off the zone's 250 Hz UART poll timer fires as fast as the host
runs it), which bounds the slack of a reading taken a millisecond late."""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine import (BUILD, LVISOR_ELF, PROMPT, ZONE_SHARE, Machine, NativeZone,  # noqa: E402
                     vcpu_counters, zone_entry)
from vcpu_counters import VcpuCounters  # noqa: E402

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
logs = BUILD / "bench" / "zones" / "logs"
CONFIG, ZONE_CPU = "zone1-linux.json", 1
# exit causes (ESTAT.Ecode): the zone's UART is trapped (no stage-2 mapping): loads PIL, stores PIS
CAUSES = {1: "PIL", 2: "PIS", 22: "GSPR", 0: "INT", 23: "HVC"}
vc = VcpuCounters(str(LVISOR_ELF), CAUSES)


def at_prompt(con, icount):
    """Wait for the prompt; returns the count then and how fast it grows at
    the idle prompt (instructions per host second), to show the slack."""
    con.expect(r"lvisor guest up", timeout=900)
    con.expect(PROMPT, timeout=300)
    t0, n0 = time.monotonic(), icount()
    time.sleep(1)
    return n0, (icount() - n0) / (time.monotonic() - t0)


def lvisor_rounds():
    m = Machine(logs, "boot", consoles="file")
    z1 = m.uarts[1]
    out = []
    try:
        for r in range(rounds + 1):
            whole = r == rounds
            start = f"lvisor zone start /etc/lvisor/{CONFIG}"
            if whole:
                g = m.attach()
                fn = m.syms["zone_admin_start"][0]
                g.break_at(fn)
                g.resume()
                m.root.sendline(f"taskset -c 0 {start}")
                g.wait_stop(300)
                g.clear(fn)
                n0 = m.icount()
                c0 = vcpu_counters(m.qmp, vc, [ZONE_CPU])[ZONE_CPU]
                g.resume()
                cost = None
            else:
                cost, n0, _ = m.zone_admin(start, "zone_admin_start", zone_entry(CONFIG))
                c0 = vcpu_counters(m.qmp, vc, [ZONE_CPU])[ZONE_CPU]
                m.gdb.resume([ZONE_CPU])
            n1, drift = at_prompt(z1, m.icount)
            m.attach()
            c1 = vcpu_counters(m.qmp, vc, [ZONE_CPU])[ZONE_CPU]
            m.release()
            m.root.expect(m.root.prompt, timeout=120)
            exits = {k: c1[k] - c0[k] for k in c1}
            out.append((whole, n1 - n0, cost, exits, drift))
            m.root.run(f"lvisor zone shutdown -id {ZONE_CPU}")
    finally:
        m.close()
    return out


def native_rounds():
    out = []
    for r in range(rounds):
        nz = NativeZone(logs, f"native{r + 1}", ZONE_SHARE / "zone1-linux.dtb",
                        ZONE_SHARE / "zone-initramfs.cpio.gz", consoles="file")
        try:
            nz.start()
            n1, drift = at_prompt(nz.console, nz.icount)
        finally:
            nz.close()
        out.append((n1, drift))
    return out


lv = lvisor_rounds()
nat = native_rounds()
print("== zone1 (Linux, 1 CPU, 256 MiB): instructions from ZONE_START to its shell prompt")
def exits_text(e):
    causes = ", ".join(f"{name} {e[c]}" for c, name in CAUSES.items())
    other = e["all"] - sum(e[c] for c in CAUSES)
    return (f"zone CPU exits {e['all']} ({causes}, other {other}), "
            f"stage-2 refills {e['refills']}")


for i, (whole, n, cost, exits, drift) in enumerate(lv):
    if whole:
        print(f"lvisor, whole machine (every CPU running): {n} ({exits_text(exits)}; "
              f"idle drift {drift:.0f}/s)")
    else:
        print(f"lvisor round {i + 1}: {n} (of which ZONE_START {cost}; {exits_text(exits)}; "
              f"idle drift {drift:.0f}/s)")
for i, (n, drift) in enumerate(nat):
    print(f"native round {i + 1}: {n} (idle drift {drift:.0f}/s)")
h = statistics.median(n for whole, n, *_ in lv if not whole)
nn = statistics.median(n for n, _ in nat)
print(f"lvisor {h / 1e6:.1f} M (zone CPU and ZONE_START, median)")
print(f"native {nn / 1e6:.1f} M (median)")
print(f"ratio  {h / nn:.3f} (goal <= 1.10)")
