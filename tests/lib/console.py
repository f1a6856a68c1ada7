"""Drive an emulator's serial console from a test.

Console starts any command under pexpect (QEMU for a native boot, the
hypervisor, a user-mode program) and talks to a shell on it. Every byte read
is kept: the whole transcript goes to a log file, and a failure message ends
with the last screenful, so a failing test shows what the console showed.
"""

import collections
import os
import re
import secrets
import socket
import time

import pexpect
import pexpect.fdpexpect

# Emulation is slow, and slower again under a hypervisor on an emulated LVZ:
# defaults are generous, and LVISOR_TIMEOUT_SCALE stretches them all. Every
# timeout a Console method takes is in seconds on a normal machine: the method
# scales it, so tests write plain numbers and never scale themselves.
SCALE = float(os.environ.get("LVISOR_TIMEOUT_SCALE", "1"))
BOOT_TIMEOUT = 300
COMMAND_TIMEOUT = 120
SCREEN_LINES = 40


def scaled(seconds):
    """A timeout as this machine needs it: LVISOR_TIMEOUT_SCALE times `seconds`."""
    return seconds * SCALE

# A shell prompt as busybox, bash or dash print it, at the end of what was read.
SHELL_PROMPT = r"[#$] $"


class ConsoleError(AssertionError):
    """The console did not show what a test waited for."""


class _Transcript:
    """File-like sink for pexpect: the full log on disk, the tail in memory."""

    def __init__(self, path):
        self.file = open(path, "w", encoding="utf-8") if path else None
        self.tail = collections.deque(maxlen=SCREEN_LINES)
        self.partial = ""

    def write(self, text):
        if self.file:
            self.file.write(text)
        lines = (self.partial + text.replace("\r", "")).split("\n")
        self.partial = lines.pop()
        self.tail.extend(lines)

    def flush(self):
        if self.file:
            self.file.flush()

    def screen(self):
        return "\n".join(list(self.tail) + [self.partial])

    def close(self):
        if self.file:
            self.file.close()


class Console:
    """A command whose standard input and output are a serial console."""

    def __init__(self, argv, log_path=None, cwd=None, env=None):
        self.argv = list(argv)
        self.transcript = _Transcript(log_path)
        self.log_path = log_path
        self.child = pexpect.spawn(
            self.argv[0], self.argv[1:], cwd=cwd, env=env, encoding="utf-8",
            codec_errors="replace", timeout=scaled(COMMAND_TIMEOUT), echo=False,
            dimensions=(24, 500))
        self.child.logfile_read = self.transcript
        self.prompt = None

    def screen(self):
        """The last screenful of console output, as text."""
        return self.transcript.screen()

    def _fail(self, what):
        where = f" (full log: {self.log_path})" if self.log_path else ""
        raise ConsoleError(
            f"{what}{where}\n--- last {SCREEN_LINES} lines of console output ---\n"
            f"{self.screen()}\n--- end of console output ---")

    def expect(self, pattern, timeout=COMMAND_TIMEOUT):
        """Wait for a regex (or a list of them); returns the index matched.
        `timeout` is scaled by LVISOR_TIMEOUT_SCALE, as in every method below."""
        limit = scaled(timeout)
        try:
            return self.child.expect(pattern, timeout=limit)
        except pexpect.TIMEOUT:
            self._fail(f"timed out after {limit:.0f}s ({timeout:.0f}s x LVISOR_TIMEOUT_SCALE "
                       f"{SCALE:g}) waiting for {pattern!r}")
        except pexpect.EOF:
            self._fail(f"the console closed while waiting for {pattern!r}")

    def send(self, text):
        self.child.send(text)

    def sendline(self, line=""):
        self.child.send(line + "\r")

    def shell(self, timeout=BOOT_TIMEOUT, prompt=SHELL_PROMPT):
        """Wait for a shell prompt, then give the shell a prompt of our own,
        unique, so that output and prompt cannot be confused."""
        self.expect(prompt, timeout=timeout)
        marker = "lv" + secrets.token_hex(4)
        # Quoted in two halves: the echoed command line does not contain the
        # prompt itself.
        self.sendline(f"PS1='{marker[:3]}''{marker[3:]}# '")
        self.prompt = re.escape(marker + "# ")
        self.expect(self.prompt)
        return self

    def run_rc(self, command, timeout=COMMAND_TIMEOUT):
        """Run a shell command; returns (exit status, output without the echo)."""
        if self.prompt is None:
            self.shell()
        tag = secrets.token_hex(4)
        # One line, so nothing is typed ahead while the command runs. The
        # markers are built by the shell: the echoed command line, however
        # the line editor redraws it, never matches them.
        self.sendline(f"echo 'lvb''{tag}'; {command}; echo \"lve\"'{tag}' $?")
        # Lines end in \r\r\n: the guest's tty and the host's pty each add a \r.
        self.expect(f"lvb{tag}\r*\n", timeout=timeout)
        self.expect(rf"lve{tag} (\d+)\r*\n", timeout=timeout)
        output = self.child.before.replace("\r", "")
        rc = int(self.child.match.group(1))
        self.expect(self.prompt)
        return rc, output

    def run(self, command, timeout=COMMAND_TIMEOUT):
        """Run a shell command that must succeed; returns its output, stripped."""
        rc, output = self.run_rc(command, timeout=timeout)
        if rc != 0:
            self._fail(f"`{command}` exited with status {rc}; output:\n{output}")
        return output.strip()

    def wait_exit(self, timeout=COMMAND_TIMEOUT):
        """Wait until the command ends; returns its exit status."""
        self.expect(pexpect.EOF, timeout=timeout)
        self.child.close()
        if self.child.exitstatus is None:
            self._fail(f"{self.argv[0]} was killed by signal {self.child.signalstatus}")
        return self.child.exitstatus

    def close(self):
        """Stop the command if it still runs."""
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()
        self.transcript.close()


class SocketConsole(Console):
    """A serial console QEMU serves on a Unix socket (a zone's UART): the same
    methods as Console, over the socket. Waits up to `timeout` for QEMU to
    create the socket."""

    def __init__(self, path, log_path=None, timeout=60):
        self.argv = [str(path)]
        self.transcript = _Transcript(log_path)
        self.log_path = log_path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        deadline = time.monotonic() + scaled(timeout)
        while True:
            try:
                self.sock.connect(str(path))
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline:
                    raise ConsoleError(f"no console socket at {path} after {scaled(timeout):.0f}s")
                time.sleep(0.1)
        self.child = pexpect.fdpexpect.fdspawn(
            self.sock, encoding="utf-8", codec_errors="replace", timeout=scaled(COMMAND_TIMEOUT))
        self.child.logfile_read = self.transcript
        self.prompt = None

    def sendline(self, line=""):
        self.child.send(line + "\r")

    def close(self):
        try:
            self.sock.close()
        finally:
            self.transcript.close()
