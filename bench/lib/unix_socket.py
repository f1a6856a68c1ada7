"""Connecting to a Unix socket QEMU creates once it has started."""
import socket
import time


def connect_unix(path, timeout=60, pause=0.1):
    """A connected stream socket at path, retried every `pause` seconds until QEMU
    has made it and listens; the last error after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            return sock
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(pause)
