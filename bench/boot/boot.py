#!/usr/bin/python3
"""boot.py NAME QEMU_ARG...: boots QEMU with -icount shift=0,sleep=off and a
QMP socket, waits for the shell prompt on the console, then asks QMP for
query-replay's icount (instructions executed by all vCPUs since reset).
Prints "NAME icount N drift D/s" (D: instructions per second of host time
the idle shell adds while we read, to show the figure's slack)."""
import json, os, socket, sys, tempfile, time
import pexpect

name, argv = sys.argv[1], sys.argv[2:]
sock_path = os.path.join(tempfile.mkdtemp(), "qmp")
argv += ["-icount", "shift=0,sleep=off", "-qmp", f"unix:{sock_path},server=on,wait=off"]
log = open(os.environ.get("BOOT_LOG", "/dev/null"), "w")
child = pexpect.spawn(argv[0], argv[1:], encoding="utf-8", codec_errors="replace",
                      timeout=int(os.environ.get("BOOT_TIMEOUT", "900")), logfile=log)


def qmp(cmds):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sock_path)
    f = s.makefile("rw")
    f.readline()  # greeting
    out = []
    for c in [{"execute": "qmp_capabilities"}] + cmds:
        f.write(json.dumps(c) + "\n")
        f.flush()
        while True:
            r = json.loads(f.readline())
            if "return" in r or "error" in r:
                break
        out.append(r.get("return"))
    s.close()
    return out[1:]


# busybox's prompt ends the boot; nothing is typed, so nothing else runs.
child.expect(r"[#$] $")
t0 = time.monotonic()
n0 = qmp([{"execute": "query-replay"}])[0]["icount"]
time.sleep(2)
n1 = qmp([{"execute": "query-replay"}])[0]["icount"]
drift = (n1 - n0) / (time.monotonic() - t0)
child.terminate(force=True)
print(f"{name} icount {n0} drift {drift:.0f}/s", flush=True)
