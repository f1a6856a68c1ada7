"""build/tools/lvisor-virtio, the daemon as the root zone runs it, under
qemu-loongarch64 on the host: its command line, its config errors, and how
far it gets without lvisor (to opening /dev/hvisor). main.c also builds for
the host with gcc, warnings as errors."""

import json
import os
import stat
import subprocess

import pytest

from cli_paths import HERE

REPO = HERE.parents[1]
DAEMON = REPO / "build" / "tools" / "lvisor-virtio"


@pytest.fixture(scope="session")
def daemon():
    assert DAEMON.is_file(), f"{DAEMON} missing: `make virtio` builds it"
    return DAEMON


def run(daemon, *args, cwd):
    r = subprocess.run(["qemu-loongarch64", str(daemon), *map(str, args)], cwd=cwd,
                       capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout, r.stderr


GOOD = {"zones": [{"id": 1, "memory_region": [
    {"zone0_ipa": "0xc0000000", "zonex_ipa": "0xc0000000", "size": "0x10000000"}],
    "devices": [{"type": "console", "addr": "0x30001000", "len": "0x200", "irq": 4,
                 "status": "enable"}]}]}


@pytest.mark.parametrize("args", [(), ("run",), ("start",), ("start", "a.json", "b.json"),
                                  ("start", "--log"), ("stop", "-f"), ("start", "-x", "a.json")])
def test_usage(daemon, tmp_path, args):
    rc, out, err = run(daemon, *args, cwd=tmp_path)
    assert (rc, out) == (2, "")
    assert err.startswith("usage: lvisor virtio start [-f] [--log <file>] [--pid <file>] "
                          "<virtio_cfg.json>\n")


def test_bad_config_names_file_and_key(daemon, tmp_path):
    cfg = json.loads(json.dumps(GOOD))
    cfg["zones"][0]["devices"][0]["irq"] = 1
    (tmp_path / "v.json").write_text(json.dumps(cfg))
    rc, out, err = run(daemon, "start", "-f", "v.json", cwd=tmp_path)
    assert (rc, out, err) == (1, "", "lvisor virtio: v.json: zones[0].devices[0].irq: 1 is not a "
                                     "zone interrupt line (2-9: HWI0-7)\n")


def test_as_hvisor(daemon, tmp_path):
    r = subprocess.run(["qemu-loongarch64", str(daemon), "start", "-f", "none.json"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=60,
                       env={"LVISOR_VIRTIO_PROG": "hvisor virtio"})
    assert (r.returncode, r.stderr) == (1, "hvisor virtio: none.json: cannot open: No such file "
                                           "or directory\n")


def test_without_lvisor_the_device_is_missing(daemon, tmp_path):
    (tmp_path / "v.json").write_text(json.dumps(GOOD))
    rc, out, err = run(daemon, "start", "-f", "v.json", cwd=tmp_path)
    assert (rc, out, err) == (1, "", "lvisor virtio: cannot open /dev/hvisor: No such file or "
                                     "directory\n")


def test_stop_when_not_running(daemon, tmp_path):
    rc, out, err = run(daemon, "stop", "--pid", tmp_path / "none.pid", cwd=tmp_path)
    assert (rc, out) == (1, "")
    assert err == f"lvisor virtio: not running (no live pid in {tmp_path / 'none.pid'})\n"


def test_main_builds_on_the_host(tmp_path):
    subprocess.run(["gcc", "-std=c11", "-D_GNU_SOURCE", "-O2", "-Wall", "-Wextra", "-Werror",
                    "-Wshadow", "-Wvla", "-Wmissing-prototypes", f"-I{REPO / 'include'}", "-c", REPO / "tools" / "virtio" / "main.c", "-o", tmp_path / "main.o"], check=True)


def test_the_daemon_is_in_the_initramfs(daemon):
    from test_cli_in_initramfs import INITRAMFS, members
    assert INITRAMFS.is_file(), f"{INITRAMFS} missing: `make initramfs` builds it"
    mode, data = members(INITRAMFS)["usr/bin/lvisor-virtio"]
    assert stat.S_ISREG(mode) and mode & 0o111
    assert data == daemon.read_bytes()


def test_a_stale_pid_file_is_not_a_running_daemon(daemon, tmp_path):
    # the pid of a live process that is not the daemon (this test's own)
    pid = tmp_path / "stale.pid"
    pid.write_text(f"{os.getpid()}\n")
    rc, out, err = run(daemon, "stop", "--pid", pid, cwd=tmp_path)
    assert (rc, err) == (1, f"lvisor virtio: not running (no live pid in {pid})\n")
