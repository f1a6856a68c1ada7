"""One QMP session per call: connect to QEMU's QMP socket, negotiate
capabilities, run each command and return their results in order."""
import json
import socket


def qmp(sock_path, cmds):
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(sock_path)
        f = s.makefile("rw")
        f.readline()  # greeting
        out = []
        for c in [{"execute": "qmp_capabilities"}] + cmds:
            f.write(json.dumps(c) + "\n")
            f.flush()
            while True:  # skip asynchronous events
                r = json.loads(f.readline())
                if "return" in r or "error" in r:
                    break
            out.append(r.get("return"))
    return out[1:]
