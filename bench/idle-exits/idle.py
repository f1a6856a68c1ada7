#!/usr/bin/python3
"""idle.py SECONDS LVISOR_ELF RUN_SH: boots lvisor with the root zone (4 CPUs,
wall-clock time, no -icount), waits for the shell, then reads every vCPU's
exit counters from lvisor's memory through the QEMU monitor (QMP, `xp`)
before and after SECONDS of idling, and the guest's timer interrupts from
/proc/interrupts around the same interval. Prints per-CPU rates."""
import os, sys, tempfile, time
import pexpect

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from vcpu_counters import VcpuCounters  # noqa: E402

secs, elf, run_sh = float(sys.argv[1]), sys.argv[2], sys.argv[3]
CAUSES = {0: "INT", 22: "GSPR", 23: "HVC", 1: "PIL", 2: "PIS", 3: "PIF"}


vc = VcpuCounters(elf, CAUSES)
ncpu = 4

sock = os.path.join(tempfile.mkdtemp(), "qmp")
child = pexpect.spawn("bash", [run_sh, "--smp", str(ncpu), "--", "-qmp",
                      f"unix:{sock},server=on,wait=off"], encoding="utf-8",
                      codec_errors="replace", timeout=300,
                      logfile=open(os.environ.get("IDLE_LOG", "/dev/null"), "w"))


def counters():
    # read while the VM runs: stopping it would stop the guest's clock too
    return vc.read(sock, ncpu)


def guest_irqs():
    """Per CPU: (timer interrupts, all interrupts) from /proc/interrupts."""
    child.sendline("cat /proc/interrupts")
    child.expect(r"CPU0[^\n]*\n")
    child.expect(r"[#$] $")
    timer, total = [0] * ncpu, [0] * ncpu
    for line in child.before.splitlines():
        f = line.split()
        if len(f) <= ncpu or not f[0].endswith(":"):
            continue
        try:
            counts = [int(x) for x in f[1:1 + ncpu]]
        except ValueError:
            continue
        for i in range(ncpu):
            total[i] += counts[i]
            if line.rstrip().endswith("timer"):
                timer[i] += counts[i]
    return timer, total


child.expect(r"[#$] $")
time.sleep(5)  # let boot-time work settle
t_irq0, (tm0, all0) = time.monotonic(), guest_irqs()
t0, c0 = time.monotonic(), counters()
time.sleep(secs)
t1, c1 = time.monotonic(), counters()
t_irq1, (tm1, all1) = time.monotonic(), guest_irqs()
child.sendline("poweroff")
child.expect(pexpect.EOF, timeout=60)

dt, dti = t1 - t0, t_irq1 - t_irq0
print(f"idle {dt:.1f} s, guest HZ 250 (CONFIG_HZ_PERIODIC)")
print("cpu  exits/s  idle-exits/s  " + "  ".join(f"{n}/s" for n in CAUSES.values())
      + "  guest-timer-irqs/s  guest-irqs-all/s")
for i in range(ncpu):
    rates = "  ".join(f"{(c1[i][c] - c0[i][c]) / dt:.1f}" for c in CAUSES)
    print(f"cpu{i} {(c1[i]['all'] - c0[i]['all']) / dt:.1f}  "
          f"{(c1[i]['idle'] - c0[i]['idle']) / dt:.1f}  {rates}  "
          f"{(tm1[i] - tm0[i]) / dti:.1f}  {(all1[i] - all0[i]) / dti:.1f}")
