"""A small client of QEMU's gdbstub (GDB remote serial protocol) for the
benches: breakpoints at lvisor's, a zone's or a loaded image's addresses,
continuing all CPUs or only some (vCont), reading a register, reading and
writing memory. QEMU numbers the gdb threads by CPU: thread N + 1 is CPU N.
A breakpoint stops every CPU."""
import re

from unix_socket import connect_unix


class Gdb:
    def __init__(self, path, timeout=60):
        self.sock = connect_unix(path, timeout)
        self.buf = b""
        self.running = False
        self.command("?")  # QEMU stopped every CPU when we connected

    # --- wire format
    def send_packet(self, data):
        cs = sum(data.encode()) & 0xFF
        self.sock.sendall(b"$" + data.encode() + b"#%02x" % cs)

    def _fill(self, timeout):
        self.sock.settimeout(timeout)
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("gdbstub closed the connection")
        self.buf += chunk

    def read_packet(self, timeout=None):
        """One packet's payload (acknowledged; QEMU's '+' before it skipped);
        timeout None waits for ever."""
        while True:
            m = re.search(rb"\$([^#]*)#[0-9a-fA-F]{2}", self.buf)
            if m:
                self.buf = self.buf[m.end():]
                self.sock.sendall(b"+")
                return m.group(1).decode()
            self._fill(timeout)

    def command(self, data, timeout=30):
        assert not self.running, f"{data}: the CPUs are running"
        self.send_packet(data)
        return self.read_packet(timeout)

    # --- stops and resumes
    def resume(self, cpus=None):
        """Continue every CPU, or only those in cpus (the others stay stopped)."""
        if cpus is None:
            self.send_packet("vCont;c")
        else:
            self.send_packet("vCont" + "".join(f";c:{c + 1:x}" for c in cpus))
        self.running = True

    def wait_stop(self, timeout=None):
        """Wait for the CPUs to stop; returns the CPU that stopped them."""
        assert self.running
        while True:
            r = self.read_packet(timeout)
            if r.startswith("T"):
                break
            # 'O' console output packets and the like: not a stop
        self.running = False
        m = re.search(r"thread:(?:p[0-9a-f]+\.)?([0-9a-f]+);", r)
        return int(m.group(1), 16) - 1 if m else None

    def interrupt(self):
        """Stop every CPU now (Ctrl-C); returns the CPU gdbstub names."""
        self.sock.sendall(b"\x03")
        return self.wait_stop(30)

    def break_at(self, addr):
        assert self.command(f"Z0,{addr:x},4") == "OK", f"breakpoint at {addr:#x}"

    def clear(self, addr):
        assert self.command(f"z0,{addr:x},4") == "OK", f"breakpoint at {addr:#x}"

    def reg(self, cpu, n):
        """Register n of a CPU (LoongArch: 0-31 the GPRs, 33 the PC)."""
        assert self.command(f"Hg{cpu + 1:x}") == "OK"
        r = self.command(f"p{n:x}")
        return int.from_bytes(bytes.fromhex(r), "little")

    def read(self, addr, size):
        """Read bytes at a (CPU-visible) address, in chunks."""
        out = b""
        while len(out) < size:
            n = min(1024, size - len(out))
            r = self.command(f"m{addr + len(out):x},{n:x}")
            assert not r.startswith("E") and len(r) == 2 * n, f"read at {addr + len(out):#x}: {r}"
            out += bytes.fromhex(r)
        return out

    def write(self, addr, data):
        """Write bytes at a (CPU-visible) address, in chunks."""
        for off in range(0, len(data), 1024):
            part = data[off:off + 1024]
            assert self.command(f"M{addr + off:x},{len(part):x}:{part.hex()}") == "OK"

    def close(self):
        self.sock.close()
