"""The virtio daemon on lvisor (the LVZ QEMU board, the root zone's shell):
`lvisor virtio start` maps zone 3's memory and answers the bare-metal zone's
reads of its virtio window (mode 3 of guests/zones/baremetal: MagicValue,
Version, DeviceID; the rest of that mode is for the hypervisor's own probe
and finds a console device answering otherwise), sleeps when idle (its CPU time over 10 s, from /proc),
stops cleanly with `lvisor virtio stop`, and, started again, serves the zone
started again."""

import re
from pathlib import Path

import pytest

from lib.zones import ZoneMachine

BUILD = Path(__file__).resolve().parents[2] / "build"
CONFIG = ('{"zones": [{"id": 3, "memory_region": [{"zone0_ipa": "0xdf000000", "zonex_ipa": "0x0", '
          '"size": "0x1000000"}], "devices": [{"type": "console", "addr": "0x30001000", '
          '"len": "0x200", "irq": 4, "status": "enable"}]}]}')
MAGIC = (r"zone-bm: virtio magic 0x0000000074726976 version 2 device 0x0000000000000003")


@pytest.fixture(scope="module")
def machine():
    m = ZoneMachine(BUILD / "test-logs", "virtio-daemon")
    yield m
    m.close()


@pytest.fixture(autouse=True)
def show_consoles(request, machine):
    request.node.lvisor_consoles = machine.consoles


def start_daemon(con):
    out = con.run("lvisor virtio start /tmp/v.json")
    assert re.search(r"^zone 3 console@0x30001000: /dev/pts/\d+$", out, re.M), out
    m = re.search(r"lvisor virtio: running as pid (\d+), log /var/log/lvisor-virtio.log", out)
    assert m, out
    assert con.run("cat /run/lvisor-virtio.pid") == m.group(1)
    return int(m.group(1))


def cpu_ticks(con, pid):
    f = con.run(f"cat /proc/{pid}/stat").rsplit(")", 1)[1].split()
    return int(f[11]) + int(f[12])  # utime + stime, in clock ticks (100 a second)


def test_daemon_serves_sleeps_stops_and_serves_again(machine):
    con = machine.root
    con.run(f"echo '{CONFIG}' > /tmp/v.json")
    pid = start_daemon(con)
    assert machine.start("zone-bm-virtio.json") == 3
    bm = machine.uarts[3]
    bm.expect(MAGIC)
    # the zone's last access (Status) after its 2 s wait for an interrupt; then nothing comes
    bm.expect(r"zone-bm: virtio done")
    # idle: under 1% of a CPU over 10 s
    before = cpu_ticks(con, pid)
    machine.timed_sleep(10)
    used = cpu_ticks(con, pid) - before
    assert used < 10, f"{used} ticks in 10 s"
    machine.shutdown(3)
    out = con.run("lvisor virtio stop")
    assert out == f"lvisor virtio: stopped (pid {pid})"
    log = con.run("cat /var/log/lvisor-virtio.log")
    assert "signal 15: stopping" in log and log.endswith("stopped"), log
    assert con.run("test -e /run/lvisor-virtio.pid; echo $?") == "1"
    # again: a new daemon (a new bridge page) serves the zone started again
    pid = start_daemon(con)
    assert machine.start("zone-bm-virtio.json") == 3
    bm.expect(MAGIC)
    machine.shutdown(3)
    assert con.run("hvisor virtio stop") == f"hvisor virtio: stopped (pid {pid})"
    assert list(machine.zones()) == [0]
