"""LVZ conformance suite: builds the bare-metal programs in progs/ and runs each under QEMU.

Every `PASS <name>` / `FAIL <name>: ...` line a program prints becomes its own pytest case;
a program that hangs, dies, or never prints `DONE` fails its `complete` case with the tail
of its console. A missing emulator fails every case of the programs that need it: nothing
here is skipped, so a green run means every check ran.
"""
import os
import re
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "build", "tests", "lvz")
PATCHED = os.environ.get("LVZ_QEMU", os.path.join(ROOT, "build", "bin", "qemu-system-loongarch64"))
LOGS = os.path.join(ROOT, "build", "test-logs")
UPSTREAM = "/usr/bin/qemu-system-loongarch64"
TIMEOUT = int(os.environ.get("LVZ_TIMEOUT", "120"))

LINE = re.compile(r"^(PASS|FAIL) ([A-Za-z0-9_.\-]+)(?::(.*))?$")
DONE = re.compile(r"^DONE (\d+) checks")


def programs():
    return sorted(f[:-2] for f in os.listdir(os.path.join(HERE, "progs")) if f.endswith(".c"))


def runs():
    """(run id, program, qemu binary, -cpu value). lvzoff also runs on Debian's QEMU,
    which has no LVZ at all: that is where the negative checks can be verified today."""
    out = []
    for p in programs():
        if p == "lvzoff":
            out.append(("lvzoff-upstream", p, UPSTREAM, "la464"))
            out.append(("lvzoff-patched", p, PATCHED, "la464,lvz=off"))
        else:
            out.append((p, p, PATCHED, "la464,lvz=on"))
    return out


_built = None
_results = {}


def build():
    global _built
    if _built is None:
        r = subprocess.run(["make", "-C", HERE, "OUT=" + OUT], capture_output=True, text=True)
        _built = (r.returncode, r.stdout + r.stderr)
    return _built


def missing(qemu):
    if qemu == UPSTREAM:
        return "%s is missing: Debian's qemu-system-misc (scripts/setup-host.sh installs it)" % qemu
    return "%s is missing: build it with `make emulator`" % qemu


def run(run_id):
    """Run one program once per session; returns (console text, error)."""
    if run_id in _results:
        return _results[run_id]
    _, prog, qemu, cpu = next(r for r in runs() if r[0] == run_id)
    if not os.path.exists(qemu):
        res = ("", missing(qemu))
        _results[run_id] = res
        return res
    rc, log = build()
    if rc != 0:
        res = ("", "build of tests/lvz failed:\n" + log[-3000:])
        _results[run_id] = res
        return res
    elf = os.path.join(OUT, prog + ".elf")
    cmd = [qemu, "-M", "virt", "-cpu", cpu, "-m", "512M", "-smp", "1", "-nographic",
           "-net", "none", "-monitor", "none", "-kernel", elf]
    err = None
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
        text = p.stdout.decode("latin-1").replace("\r", "")
        if p.returncode != 0:
            err = "QEMU exited with status %d: %s" % (p.returncode, p.stderr.decode("latin-1")[-1500:])
    except subprocess.TimeoutExpired as e:
        text = (e.stdout or b"").decode("latin-1").replace("\r", "")
        err = "timed out after %ds (hang)" % TIMEOUT
    os.makedirs(LOGS, exist_ok=True)
    with open(os.path.join(LOGS, "lvz-%s.log" % run_id), "w") as f:
        f.write(" ".join(cmd) + "\n" + text + ("\n" + err + "\n" if err else ""))
    res = (text, err)
    _results[run_id] = res
    return res


def parse(text):
    checks, done = {}, None
    for line in text.splitlines():
        m = LINE.match(line.strip())
        if m:
            checks.setdefault(m.group(2), (m.group(1), line.strip()))
        m = DONE.match(line.strip())
        if m:
            done = int(m.group(1))
    return checks, done


def tail(text, n=25):
    return "\n".join(text.splitlines()[-n:])


def pytest_generate_tests(metafunc):
    if "check" in metafunc.fixturenames:
        params = []
        for run_id, _, _, _ in runs():
            text, _ = run(run_id)
            checks, _ = parse(text)
            if not checks:
                params.append(pytest.param((run_id, "<no checks>"), id=run_id + "::no-checks"))
            for name in checks:
                params.append(pytest.param((run_id, name), id=run_id + "::" + name))
        metafunc.parametrize("check", params)
    if "run_id" in metafunc.fixturenames:
        metafunc.parametrize("run_id", [r[0] for r in runs()])


def test_check(check):
    run_id, name = check
    text, err = run(run_id)
    checks, _ = parse(text)
    if name not in checks:
        pytest.fail("%s printed no checks (%s)\n--- console tail ---\n%s" % (run_id, err, tail(text)))
    verdict, line = checks[name]
    assert verdict == "PASS", line


def test_complete(run_id):
    """The program ran to its DONE line, within the timeout, and reported every check."""
    text, err = run(run_id)
    checks, done = parse(text)
    if err:
        pytest.fail("%s: %s\n--- console tail ---\n%s" % (run_id, err, tail(text)))
    if done is None:
        pytest.fail("%s: no DONE line\n--- console tail ---\n%s" % (run_id, tail(text)))
    assert done == len(checks), "DONE says %d checks, console has %d distinct" % (done, len(checks))
    assert done > 0
