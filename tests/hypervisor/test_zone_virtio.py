"""Linux zones' virtio devices served by the daemon in the root zone
(`lvisor virtio start`), as a user meets them: zone1's shell through the
daemon's pty (microcom, and 1,000 typed lines each answered), an ext4 disk
whose files survive a restart and fsck clean, a network card the root and
the zone ping and move a file over; a shutdown in the middle of disk and
network traffic, a daemon killed while a zone waits for it and started
again, and two zones at once, each with its own devices (one with its
drivers bound on its second CPU). One boot; the tests run in order."""

import re
import threading

from lib.console import BOOT_TIMEOUT
from lib.zones import machine_fixtures

PTYTYPE = "/lib/lvisor-tests/ptytype"


machine, show_consoles = machine_fixtures("test_zone_virtio")


def start_daemon(root, config):
    """Starts the daemon; returns {(zone, kind): what it serves} from what it prints."""
    out = root.run(f"lvisor virtio start /etc/lvisor/{config}", timeout=60)
    served = {(int(z), kind): what
              for z, kind, what in re.findall(r"zone (\d+) (\w+)@0x3000\d000: (\S+)", out)}
    assert re.search(r"running as pid \d+", out), out
    return served


def daemon_pid(root):
    rc, out = root.run_rc("pidof lvisor-virtio")
    return int(out) if rc == 0 else None


def boot_zone(machine, n):
    machine.start(f"zone{n}-linux.json")
    z = machine.uarts[n]
    z.expect(rf"lvisor guest up: Linux \S+, {1 if n == 1 else 2} CPUs", timeout=BOOT_TIMEOUT)
    z.shell()
    # kernel messages (ext4's) would land in the middle of the commands' output
    z.run("dmesg -n 1; mkdir -p /mnt")
    return z


def net_up(root, z, n):
    """The root's end of zone n's tap is 10.0.n.1, the zone's eth0 10.0.n.2."""
    rc, _ = root.run_rc(f"ip addr show dev tap{n} | grep -q 10.0.{n}.1")
    if rc:
        root.run(f"ip addr add 10.0.{n}.1/24 dev tap{n}")
    z.run(f"ip addr add 10.0.{n}.2/24 dev eth0 && ip link set eth0 up")


def pings(con, addr, count=3):
    out = con.run(f"ping -c {count} -W 5 {addr}", timeout=60)
    assert f"{count} packets transmitted, {count} packets received" in out, out


def make_disk(root, n, mib=64):
    root.run(f"rm -f /root/zone{n}-disk.img && mkfs.ext4 -q /root/zone{n}-disk.img {mib}M",
             timeout=60)


def fsck_clean(z):
    rc, out = z.run_rc("e2fsck -fn /dev/vda", timeout=120)
    assert rc == 0, out


def test_zone1_shell_disk_and_network(machine):
    root = machine.root
    make_disk(root, 1)
    served = start_daemon(root, "virtio-zone1.json")
    assert served[(1, "blk")] == "/root/zone1-disk.img"
    assert served[(1, "net")] == "tap1"
    pty = served[(1, "console")]
    machine.pty = pty
    z1 = boot_zone(machine, 1)

    # the disk: ext4, written, fsck clean
    assert z1.run("cat /sys/block/vda/size") == str(64 * 2048)
    z1.run("mount -t ext4 /dev/vda /mnt && echo lvisor-virtio-data > /mnt/f && "
           "dd if=/dev/urandom of=/mnt/blob bs=64k count=32 2>/dev/null && sync", timeout=60)
    machine.blob_md5 = z1.run("md5sum /mnt/blob").split()[0]
    z1.run("umount /mnt", timeout=60)
    fsck_clean(z1)

    # the network: each pings the other, and a file goes from the zone to the root over TCP
    net_up(root, z1, 1)
    pings(z1, "10.0.1.1")
    pings(root, "10.0.1.2")
    root.run("(nc -l -p 5001 > /tmp/recv.bin &) ; sleep 1")
    z1.run("dd if=/dev/urandom of=/tmp/send.bin bs=64k count=16 2>/dev/null && "
           "nc 10.0.1.1 5001 < /tmp/send.bin", timeout=120)
    sent = z1.run("md5sum /tmp/send.bin").split()[0]
    root.run("for i in $(seq 50); do pidof nc >/dev/null || break; sleep 0.2; done")
    assert root.run("md5sum /tmp/recv.bin").split()[0] == sent
    assert root.run("stat -c %s /tmp/recv.bin") == str(16 * 65536)

    # the console: microcom on the daemon's pty is zone1's shell
    out = root.run(f"(sleep 1; echo 'echo via-$(hostname)'; sleep 2) | microcom -t 4000 {pty}",
                   timeout=30)
    assert "via-zone1" in out, out
    # 1,000 lines typed one by one into that shell, each answered
    out = root.run(f"{PTYTYPE} {pty} 1000", timeout=600)
    assert "typed 1000, answered 1000, lost 0" in out, out


def test_restart_keeps_the_disk(machine):
    root, z1 = machine.root, machine.uarts[1]
    machine.shutdown(1)
    z1 = boot_zone(machine, 1)
    z1.run("mount -t ext4 /dev/vda /mnt")
    assert z1.run("cat /mnt/f") == "lvisor-virtio-data"
    assert z1.run("md5sum /mnt/blob").split()[0] == machine.blob_md5
    z1.run("umount /mnt")
    fsck_clean(z1)
    # the same devices as before the restart: the pty, the tap
    net_up(root, z1, 1)
    pings(z1, "10.0.1.1")
    out = root.run(f"{PTYTYPE} {machine.pty} 20", timeout=120)
    assert "typed 20, answered 20, lost 0" in out, out


def test_shutdown_in_the_middle_of_traffic(machine):
    root, z1 = machine.root, machine.uarts[1]
    pid = daemon_pid(root)
    z1.run("mount -t ext4 /dev/vda /mnt")
    # the zone writes its disk and floods the root; the root floods the zone
    z1.run("(dd if=/dev/urandom of=/mnt/big bs=64k count=4000 2>/dev/null &) ; "
           "(ping -q -i 0.01 10.0.1.1 >/dev/null &)")
    root.run("(ping -q -i 0.01 10.0.1.2 >/dev/null 2>&1 &) ; sleep 3")
    resets = "grep -c 'zone 1 .*: reset: the zone stopped' /var/log/lvisor-virtio.log || true"
    before = int(root.run(resets))
    machine.shutdown(1)
    root.run("sleep 1; killall ping; true")
    assert daemon_pid(root) == pid, "the daemon died with the zone"
    # lvisor had the daemon reset each of the stopped zone's three devices: it fills none
    # of their queues in RAM that the next zone is loaded into
    assert int(root.run(resets)) == before + 3

    # a restarted zone1 gets the same devices back: its disk (the journal replays), its network
    z1 = boot_zone(machine, 1)
    z1.run("mount -t ext4 /dev/vda /mnt && cat /mnt/f && umount /mnt", timeout=120)
    fsck_clean(z1)
    net_up(root, z1, 1)
    pings(z1, "10.0.1.1")
    pings(root, "10.0.1.2")
    assert daemon_pid(root) == pid


def test_killed_daemon_does_not_keep_a_zone_waiting(machine):
    root, z1 = machine.root, machine.uarts[1]
    # zone1 reads its disk's device status (a register the daemon answers) while the daemon
    # is stopped: zone1's CPU waits in lvisor. The daemon is then killed: its /dev/hvisor
    # closes, the driver says it serves nothing, and lvisor answers the read with 0.
    root.run("kill -STOP $(pidof lvisor-virtio)")
    got = {}
    reader = threading.Thread(
        target=lambda: got.update(status=z1.run("cat /sys/block/vda/device/status", timeout=60)))
    reader.start()
    root.run("sleep 3")
    assert reader.is_alive(), f"the read did not wait for the stopped daemon: {got}"
    root.run("kill -KILL $(pidof lvisor-virtio); sleep 1")
    reader.join(60)
    assert not reader.is_alive(), "zone1 still waits for the killed daemon"
    assert got.get("status") == "0x00000000", got
    assert daemon_pid(root) is None
    machine.shutdown(1)


VIRTIO_MMIO = "/sys/bus/platform/drivers/virtio-mmio"


def line_counts(z, line):
    """Zone z's /proc/interrupts row for CPU interrupt `line`: its count on each CPU."""
    row = z.run(f"grep -E '^ *[0-9]+: .* {line} +virtio' /proc/interrupts")
    return [int(n) for n in row.split()[1:1 + int(z.run("nproc"))]]


def rebind_on_cpu1(z, dev):
    """Unbinds zone z's virtio-mmio device on its CPU 0 and binds it again on its CPU 1.
    Linux enables (or disables) a CPU interrupt line on the CPU that requests (or frees)
    it: the line is then off on CPU 0, wherever the boot's probe ran, and on on CPU 1."""
    z.run(f"taskset -c 0 sh -c 'echo {dev} > {VIRTIO_MMIO}/unbind'")
    z.run(f"taskset -c 1 sh -c 'echo {dev} > {VIRTIO_MMIO}/bind'", timeout=60)


def test_killed_daemon_started_again_serves_two_zones(machine):
    root = machine.root
    make_disk(root, 2, 32)
    served = start_daemon(root, "virtio-zone1-zone2.json")
    assert served[(2, "blk")] == "/root/zone2-disk.img"
    assert served[(2, "net")] == "tap2"
    zones = {1: boot_zone(machine, 1), 2: boot_zone(machine, 2)}
    # Zone2's disk and network card, their drivers bound again from its second CPU: Linux
    # enables their lines (5 and 6) on that CPU only, as after a boot whose probes ran there.
    z2 = zones[2]
    for dev in ("30002000.virtio", "30003000.virtio"):
        rebind_on_cpu1(z2, dev)
    before = {line: line_counts(z2, line) for line in (5, 6)}
    for n, z in zones.items():
        # each its own disk, network and console
        assert z.run("cat /sys/block/vda/size") == str((64 if n == 1 else 32) * 2048)
        z.run(f"mount -t ext4 /dev/vda /mnt && echo zone{n}-file > /mnt/own && umount /mnt")
        net_up(root, z, n)
        pings(z, f"10.0.{n}.1")
        pings(root, f"10.0.{n}.2")
        out = root.run(f"{PTYTYPE} {served[(n, 'console')]} 50", timeout=120)
        assert "typed 50, answered 50, lost 0" in out, out
    # CPU 1 took their interrupts (CPU 0 may run a handler too: Linux handles every pending
    # line at any of its interrupts, enabled or not)
    for line in (5, 6):
        after = line_counts(z2, line)
        assert after[1] > before[line][1], (line, before, after)
    for n, z in zones.items():
        z.run("mount -t ext4 /dev/vda /mnt")
        assert z.run("cat /mnt/own") == f"zone{n}-file"
        # zone1's disk still has what zone1 wrote before; zone2's is its own
        assert z.run_rc("test -e /mnt/f")[0] == (0 if n == 1 else 1)
        z.run("umount /mnt")
        fsck_clean(z)
    machine.shutdown(1)
    machine.shutdown(2)
    root.run("lvisor virtio stop", timeout=60)
    assert daemon_pid(root) is None
