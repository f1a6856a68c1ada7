"""A Linux zone's virtio devices served by the daemon in the root zone
(`lvisor virtio start`): its disk keeps what it writes across a restart of
the zone, and its virtio console reaches the root through a pty. The disk is
ext4, made by the root's mkfs.ext4 and checked by the zone's e2fsck."""

import re

import pytest

from lib.console import BOOT_TIMEOUT
from lib.zones import ZoneMachine


@pytest.fixture(scope="module")
def machine(build_dir):
    m = ZoneMachine(build_dir / "test-logs", "test_zone_virtio")
    yield m
    m.close()


@pytest.fixture(autouse=True)
def show_consoles(request, machine):
    request.node.lvisor_consoles = machine.consoles


def boot_zone1(machine):
    machine.start("zone1-linux.json")
    z1 = machine.uarts[1]
    z1.expect(r"lvisor guest up: Linux \S+, 1 CPUs", timeout=BOOT_TIMEOUT)
    z1.shell()
    return z1


def test_disk_and_console_through_the_root_daemon(machine):
    root = machine.root
    root.run("dd if=/dev/zero of=/tmp/zone1-disk.img bs=1M count=16 2>/dev/null && "
             "mkfs.ext4 -F -q /tmp/zone1-disk.img")
    out = root.run("lvisor virtio start /etc/lvisor/virtio-zone1.json", timeout=60)
    pty = re.search(r"zone 1 console@0x30001000: (/dev/pts/\d+)", out).group(1)
    assert "zone 1 blk@0x30002000: /tmp/zone1-disk.img" in out

    z1 = boot_zone1(machine)
    assert z1.run("cat /sys/block/vda/size") == "32768"  # 16 MiB in 512-byte sectors
    z1.run("mkdir -p /mnt && mount /dev/vda /mnt && echo lvisor-virtio-data > /mnt/f && "
           "sync && umount /mnt", timeout=60)
    z1.run("e2fsck -fn /dev/vda", timeout=60)
    # the zone's virtio console comes out of the daemon's pty in the root
    root.run(f"(timeout 10 cat {pty} > /tmp/console.out &)")
    z1.run("echo hello-over-virtio > /dev/hvc0")
    root.run("sleep 2")
    assert "hello-over-virtio" in root.run("cat /tmp/console.out")
    machine.shutdown(1)

    # the same disk after a restart of the zone: what it wrote is there
    assert root.run("grep -c lvisor-virtio-data /tmp/zone1-disk.img") == "1"
    z1 = boot_zone1(machine)
    z1.run("mkdir -p /mnt && mount /dev/vda /mnt")
    assert z1.run("cat /mnt/f") == "lvisor-virtio-data"
    z1.run("umount /mnt")
    machine.shutdown(1)
    root.run("lvisor virtio stop", timeout=60)
