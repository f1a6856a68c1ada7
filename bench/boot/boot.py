#!/usr/bin/python3
"""boot.py NAME QEMU_ARG...: boots QEMU with -icount shift=0,sleep=off and a
QMP socket, waits for the shell prompt on the console, then asks QMP for
query-replay's icount (instructions executed by all vCPUs since reset).
Prints "NAME icount N drift D/s" (D: instructions per second of host time
the idle shell adds while we read, to show the figure's slack).
With LVISOR_ELF set (an lvisor boot), also prints lvisor's exits and stage-2
refills on all vCPUs at the prompt: "NAME exits E refills R"."""
import os, sys, tempfile, time
import pexpect

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from qmp import qmp  # noqa: E402
from vcpu_counters import VcpuCounters  # noqa: E402

name, argv = sys.argv[1], sys.argv[2:]
sock_path = os.path.join(tempfile.mkdtemp(), "qmp")
argv += ["-icount", "shift=0,sleep=off", "-qmp", f"unix:{sock_path},server=on,wait=off"]
log = open(os.environ.get("BOOT_LOG", "/dev/null"), "w")
child = pexpect.spawn(argv[0], argv[1:], encoding="utf-8", codec_errors="replace",
                      timeout=int(os.environ.get("BOOT_TIMEOUT", "900")), logfile=log)


counters = None
if os.environ.get("LVISOR_ELF"):
    counters = VcpuCounters(os.environ["LVISOR_ELF"], [])
# busybox's prompt ends the boot; nothing is typed, so nothing else runs.
child.expect(r"[#$] $")
t0 = time.monotonic()
n0 = qmp(sock_path, [{"execute": "query-replay"}])[0]["icount"]
# At the prompt too: the idle shell adds exits (its ticks) as fast as the host runs it.
counts = counters.read(sock_path, 4) if counters else None
time.sleep(2)
n1 = qmp(sock_path, [{"execute": "query-replay"}])[0]["icount"]
drift = (n1 - n0) / (time.monotonic() - t0)
child.terminate(force=True)
print(f"{name} icount {n0} drift {drift:.0f}/s", flush=True)
if counts:
    print(f"{name} exits {sum(c['all'] for c in counts)} "
          f"refills {sum(c['refills'] for c in counts)}", flush=True)
