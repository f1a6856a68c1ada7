"""The zone benches' machines.

Machine: lvisor (hypervisor/run.sh) on the LVZ QEMU, the root zone's shell
on the terminal console, the zones' UARTs on sockets (as tests/lib/zones.py
drives them), QMP, and with icount=True -icount shift=0,sleep=off and a
gdbstub (bench/lib/rsp.py) for breakpoints in lvisor.

NativeZone: the zone's kernel, initramfs and device tree booted directly by
the same QEMU on one CPU, the device tree written over the board's own
before the first instruction (the board has no -dtb).

icount() is QMP query-replay's icount: instructions executed by all vCPUs
since reset (QEMU's raw counter). With sleep=off an idle CPU executes
nothing: QEMU jumps the virtual clock to the next timer instead. Round-robin
TCG (what -icount runs) gives each CPU a slice up to the next timer, so a CPU
that spins on a flag another CPU sets spins until its slice ends: serialized
zone starts and shutdowns (zone_admin()) run the CPUs one at a time instead."""
import json
import os
import re
import socket
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BUILD = Path(os.environ.get("LVISOR_BUILD", REPO / "build"))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench" / "lib"))
sys.path.insert(0, str(HERE))

from lib.console import Console, SocketConsole  # noqa: E402
from rsp import Gdb  # noqa: E402
from unix_socket import connect_unix  # noqa: E402

QEMU = os.environ.get("QEMU", str(BUILD / "bin" / "qemu-system-loongarch64"))
LVISOR_ELF = BUILD / "hypervisor" / "lvisor.elf"
VMLINUX = BUILD / "linux" / "vmlinux"
ZONE_SHARE = BUILD / "overlays" / "zones" / "usr" / "share" / "lvisor"
ICOUNT = ["-icount", "shift=0,sleep=off"]
PROMPT = r"[#$] $"


def symbols(elf):
    """{name: (address, size)} from the ELF's symbol table."""
    out = subprocess.run(["llvm-nm-19", "-S", str(elf)], capture_output=True, text=True,
                         check=True).stdout
    syms = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 4:
            syms[f[3]] = (int(f[0], 16), int(f[1], 16))
    return syms


def zone_entry(config):
    """The guest PC a zone starts at: its config's entry_point (as the root's
    initramfs holds it) as lvisor takes it, a zone physical address (the
    zone starts in direct-address mode; zone_request.c masks the address)."""
    text = (BUILD / "overlays" / "zones" / "etc" / "lvisor" / config).read_text()
    entry = int(re.search(r'"entry_point":\s*"(0x[0-9a-fA-F]+)"', text).group(1), 16)
    return entry & ((1 << 48) - 1)


def fdtget(dtb, node, prop, kind="s"):
    return subprocess.run(["fdtget", "-t", kind, str(dtb), node, prop], capture_output=True,
                          text=True, check=True).stdout.strip()


class Qmp:
    """A QMP session kept open: a reading costs a round trip, not a connection."""

    def __init__(self, path, timeout=60):
        self.sock = connect_unix(path, timeout, pause=0.05)
        self.f = self.sock.makefile("rw")
        self.f.readline()  # greeting
        self.execute("qmp_capabilities")

    def execute(self, cmd, **args):
        msg = {"execute": cmd}
        if args:
            msg["arguments"] = args
        self.f.write(json.dumps(msg) + "\n")
        self.f.flush()
        while True:  # skip asynchronous events
            r = json.loads(self.f.readline())
            if "return" in r:
                return r["return"]
            if "error" in r:
                raise RuntimeError(f"QMP {cmd}: {r['error']}")

    def icount(self):
        return self.execute("query-replay")["icount"]

    def hmp(self, line):
        return self.execute("human-monitor-command", **{"command-line": line})

    def close(self):
        self.sock.close()


def stable_icount(q, settle=0.15, timeout=60):
    """Wait until the running CPUs stop executing (the count holds still
    `settle` seconds); returns the count."""
    deadline = time.monotonic() + timeout
    last = q.icount()
    while True:
        time.sleep(settle)
        n = q.icount()
        if n == last:
            return n
        if time.monotonic() > deadline:
            raise TimeoutError("the CPUs never went idle")
        last = n


class FileConsole:
    """A UART QEMU writes to a file (-serial file:): unlike a socket it never
    makes the guest wait for a reader (a socket's buffer fills after a few
    hundred bytes, written one at a time; the UART then holds THRE clear and
    a polling guest spins until the reader catches up). Output only."""

    def __init__(self, path):
        self.path = Path(path)
        self.pos = 0
        self.seen = ""

    def expect(self, pattern, timeout=120):
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            if self.path.exists():
                with open(self.path, "rb") as f:
                    f.seek(self.pos)
                    chunk = f.read()
                self.pos += len(chunk)
                self.seen += chunk.decode("utf-8", "replace")
            m = rx.search(self.seen)
            if m:
                self.seen = self.seen[m.end():]
                return m
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.path}: no {pattern!r} after {timeout} s")
            time.sleep(0.0005)

    def close(self):
        pass


class Machine:
    """One QEMU under lvisor, booted to the root zone's shell. The zones'
    UARTs are sockets (SocketConsole, as the tests drive them) or, with
    consoles="file", files in log_dir (FileConsole)."""

    def __init__(self, log_dir, name, smp=4, mem="2G", initrd=None, icount=True, extra=(),
                 consoles="socket"):
        log_dir = Path(log_dir)
        log_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix="lvisor-bench-"))
        self.qmp_path, self.gdb_path = str(tmp / "qmp"), str(tmp / "gdb")
        self.sockets = tmp / "consoles"
        # lvisor's messages stay off the root's console (log=errors): `lvisor hv log`
        argv = ["bash", str(REPO / "hypervisor" / "run.sh"), "--smp", str(smp), "--mem", mem,
                "--hv-args", "log=errors"]
        if consoles == "socket":
            argv += ["--consoles", str(self.sockets)]
        if initrd:
            argv += ["--initrd", str(initrd)]
        argv += ["--", "-qmp", f"unix:{self.qmp_path},server=on,wait=off"]
        if consoles == "file":
            # what run.sh --consoles does, with files for the zones' UARTs 1-3
            files = {n: log_dir / f"{name}-uart{n}.out" for n in (1, 2, 3)}
            argv += ["-serial", "mon:stdio"]
            for n, f in files.items():
                f.unlink(missing_ok=True)
                argv += ["-serial", f"file:{f}"]
        if icount:
            argv += ICOUNT + ["-gdb", f"unix:{self.gdb_path},server=on,wait=off"]
        argv += list(extra)
        env = dict(os.environ, LVZ_QEMU=QEMU)
        self.root = Console(argv, log_path=log_dir / f"{name}-root.log", cwd=REPO, env=env)
        if consoles == "file":
            self.uarts = {n: FileConsole(f) for n, f in files.items()}
        else:
            self.uarts = {n: SocketConsole(self.sockets / f"zone{n}.sock",
                                           log_path=log_dir / f"{name}-uart{n}.log")
                          for n in (1, 2, 3)}
        self.qmp = Qmp(self.qmp_path)
        self.root.expect(r"entering root zone", timeout=300)
        self.root.shell(timeout=900)
        self.gdb = None
        self.syms = symbols(LVISOR_ELF)

    def icount(self):
        return self.qmp.icount()

    def attach(self):
        """The gdbstub: QEMU stops every CPU when it connects."""
        if self.gdb is None:
            self.gdb = Gdb(self.gdb_path)
        elif self.gdb.running:
            self.gdb.interrupt()
        return self.gdb

    def release(self):
        """Every CPU runs again (after attach())."""
        if self.gdb is not None and not self.gdb.running:
            self.gdb.resume()

    def function_of(self, addr):
        for name, (a, size) in self.syms.items():
            if a <= addr < a + size:
                return name
        return None

    def zone_admin(self, command, entry_fn, zone_entry_pc=None, pin_cpu=0, marks=()):
        """Runs an `lvisor zone ...` command in the root and counts lvisor's
        instructions for its hypercall: from entry_fn (zone_admin_start or
        zone_admin_shutdown) on the calling CPU to its return, plus the work
        of every CPU it sends an event to (lvisor's cpu_send_event), the CPUs
        run one at a time so that no CPU spins while another is asked:
          the caller runs alone until it has sent an event or returned;
          the CPU it sent to runs alone until it is idle again, or (a zone
          start) stops at the zone's first instruction (zone_entry_pc);
          and so on until the caller returns.
        marks: lvisor functions to note on the way (first call by the caller
        only): a phase ends where one is called.
        Leaves every CPU stopped (the zone's at its first instruction) and
        returns (instructions, icount at the entry, phases), phases in order:
        (CPU, up to what, instructions)."""
        g = self.attach()
        fn = self.syms[entry_fn][0]
        send = self.syms["cpu_send_event"][0]
        g.break_at(fn)
        g.resume()
        self.root.sendline(f"taskset -c {pin_cpu} {command}")
        caller = g.wait_stop(300)
        assert g.reg(caller, 33) == fn
        n0 = last = self.icount()
        ret = g.reg(caller, 1)
        g.clear(fn)
        phases = []
        if zone_entry_pc is not None:
            g.break_at(zone_entry_pc)
        entered = False

        def note(what, n):
            nonlocal last
            phases.append((*what, n - last))
            last = n

        g.break_at(send)
        g.break_at(ret)
        marked = {self.syms[name][0]: name for name in marks}
        for a in marked:
            g.break_at(a)
        while True:
            g.resume([caller])
            c = g.wait_stop(300)
            pc = g.reg(c, 33)
            assert c == caller, f"CPU {c} stopped at {pc:#x}"
            if pc in marked:
                g.clear(pc)
                note((caller, marked.pop(pc)), self.icount())
                continue
            if pc == ret:
                note((caller, "return"), self.icount())
                break
            assert pc == send
            target = g.reg(c, 4)  # a0: the CPU the event is for
            back = g.reg(c, 1)
            g.clear(send)
            g.break_at(back)
            g.resume([caller])
            assert g.wait_stop(300) == caller and g.reg(caller, 33) == back
            g.clear(back)
            note((caller, f"event to CPU {target}"), self.icount())
            if target == caller:
                g.break_at(send)
                continue
            # the target alone: until it idles, or the zone's first instruction
            g.clear(ret)
            g.resume([target])
            deadline = time.monotonic() + 60
            while True:
                try:
                    c = g.wait_stop(0.2)
                except (socket.timeout, TimeoutError):
                    c = None
                if c is not None:
                    assert g.reg(c, 33) == zone_entry_pc, f"CPU {c} stopped at {g.reg(c, 33):#x}"
                    entered = True
                    g.clear(zone_entry_pc)
                    break
                n1 = self.icount()
                time.sleep(0.15)
                if self.icount() == n1:
                    g.interrupt()
                    break
                assert time.monotonic() < deadline, f"CPU {target} never went idle"
            note((target, "the zone's first instruction" if entered else "idle"), self.icount())
            g.break_at(send)
            g.break_at(ret)
        g.clear(send)
        g.clear(ret)
        for a in marked:
            g.clear(a)
        if zone_entry_pc is not None and not entered:
            g.clear(zone_entry_pc)
        return last - n0, n0, phases

    def close(self):
        if self.gdb:
            if not self.gdb.running:
                self.gdb.resume()
            self.gdb.close()
        self.qmp.close()
        for con in [self.root, *self.uarts.values()]:
            con.close()


class NativeZone:
    """The zone's Linux without lvisor: the same QEMU (-cpu la464,lvz=on),
    one CPU, the zone's RAM size (-m 256M: the board's low RAM at 0, as the
    zone's RAM is at zone address 0), the zone kernel (vmlinux, -kernel), its
    initramfs at the address its device tree names (a loader device), its
    device tree written over the board's own at 0x100000 through the gdbstub
    while the CPU waits at reset (-S), the command line its device tree holds
    (-append), its console UART (UART1 for zone1) on a socket like the zone's."""

    def __init__(self, log_dir, name, dtb, initrd, uart=1, mem="256M", icount=True,
                 consoles="socket"):
        tmp = Path(tempfile.mkdtemp(prefix="lvisor-bench-native-"))
        log_dir = Path(log_dir)
        log_dir.mkdir(parents=True, exist_ok=True)
        qmp_path, gdb_path = str(tmp / "qmp"), str(tmp / "gdb")
        if consoles == "file":
            con = log_dir / f"{name}-uart.out"
            con.unlink(missing_ok=True)
            chardev = f"file:{con}"
        else:
            con = str(tmp / "uart.sock")
            chardev = f"unix:{con},server=on,wait=off"
        bootargs = fdtget(dtb, "/chosen", "bootargs")
        initrd_at = int(fdtget(dtb, "/chosen", "linux,initrd-start", "x").split()[-1], 16)
        serials = []
        for n in range(4):
            serials += ["-serial", chardev if n == uart else "null"]
        argv = [QEMU, "-M", "virt", "-cpu", "la464,lvz=on", "-smp", "1", "-m", mem,
                "-display", "none", "-monitor", "none", "-no-reboot", "-nic", "none", *serials,
                "-kernel", str(VMLINUX), "-append", bootargs,
                "-device", f"loader,file={initrd},addr={initrd_at:#x},force-raw=on",
                "-S", "-qmp", f"unix:{qmp_path},server=on,wait=off",
                "-gdb", f"unix:{gdb_path},server=on,wait=off"]
        if icount:
            argv += ICOUNT
        self.qemu = Console(argv, log_path=log_dir / f"{name}-qemu.log")
        self.qmp = Qmp(qmp_path)
        if consoles == "file":
            self.console = FileConsole(con)
        else:
            self.console = SocketConsole(con, log_path=log_dir / f"{name}-uart.log")
        self.gdb = Gdb(gdb_path)
        # The zone's virtio windows are lvisor's (served by the root's daemon): the board has
        # nothing there, so the native boot gets the tree without them.
        native_dtb = tmp / "native.dtb"
        shutil.copy(dtb, native_dtb)
        for node in ("/virtio@30001000", "/virtio@30002000"):
            subprocess.run(["fdtput", "-r", str(native_dtb), node], capture_output=True)
        self.gdb.write(0x100000, native_dtb.read_bytes())

    def start(self):
        self.gdb.resume()

    def icount(self):
        return self.qmp.icount()

    def close(self):
        for x in (self.gdb, self.qmp, self.console):
            x.close()
        self.qemu.close()


def vcpu_counters(q, vc, cpus):
    """lvisor's per-vCPU counters (bench/lib/vcpu_counters.py's fields) of
    the given CPUs, read from lvisor's memory over this QMP session."""
    snap = {}
    for cpu in cpus:
        snap[cpu] = {}
        for key, off in vc.fields.items():
            line = q.hmp(f"xp /1gx {vc.phys + cpu * vc.stride + off:#x}")
            snap[cpu][key] = int(line.split(":")[1].split()[0], 16)
    return snap
