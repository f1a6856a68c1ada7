#!/usr/bin/python3
"""zone-console.py SOCKET: this terminal on a zone's console (a Unix socket
QEMU serves for one of the board's UARTs; hypervisor/run.sh --consoles).
Raw mode: every key goes to the zone; Ctrl-] leaves."""

import os
import select
import socket
import sys
import termios
import tty

ESCAPE = b"\x1d"  # Ctrl-]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: zone-console.py SOCKET (e.g. build/consoles/zone1.sock)")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(sys.argv[1])
    except OSError as e:
        sys.exit(f"zone-console.py: {sys.argv[1]}: {e.strerror} (is `make run` running?)")
    print(f"connected to {sys.argv[1]}; Ctrl-] leaves", flush=True)
    stdin = sys.stdin.fileno()
    saved = termios.tcgetattr(stdin) if os.isatty(stdin) else None
    if saved:
        tty.setraw(stdin)
    try:
        while True:
            ready, _, _ = select.select([sock, stdin], [], [])
            if sock in ready:
                data = sock.recv(4096)
                if not data:
                    break
                os.write(sys.stdout.fileno(), data)
            if stdin in ready:
                data = os.read(stdin, 1024)
                if not data or ESCAPE in data:
                    break
                sock.sendall(data)
    finally:
        if saved:
            termios.tcsetattr(stdin, termios.TCSADRAIN, saved)
    print()


if __name__ == "__main__":
    main()
