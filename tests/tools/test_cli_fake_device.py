"""What the CLI does with /dev/hvisor, run on the host: the tool's sources
built with the host compiler, dev.c replaced by fake/fake_dev.c (scripted
answers, a log of every ioctl) and sysfs by a directory of the test's own.
Checks the order of a zone start (images loaded, then the zone's CPUs taken
out of the root, then ZONE_START with them offline), that a refusal puts
the CPUs back and prints lvisor's reason, and shutdown and list."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_paths import HERE

REPO = HERE.parents[1]
OUT = REPO / "build" / "tests" / "tools" / "host"
CFLAGS = ["-std=c11", "-D_POSIX_C_SOURCE=200809L", "-g", "-O1", "-fsanitize=address,undefined",
          "-fno-omit-frame-pointer"]


@pytest.fixture(scope="session")
def host_cli():
    version = subprocess.run(["bash", "-c", ". scripts/versions.sh && echo $CJSON_DEB_VERSION"],
                             cwd=REPO, check=True, capture_output=True, text=True).stdout.strip()
    src = Path(subprocess.run(["bash", "scripts/fetch-source.sh", "cjson", version], cwd=REPO,
                              check=True, capture_output=True, text=True).stdout.split()[-1])
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "include" / "cjson").mkdir(parents=True)
    shutil.copy(src / "cJSON.h", OUT / "include" / "cjson")
    subprocess.run(["gcc", *CFLAGS, "-c", src / "cJSON.c", "-o", OUT / "cJSON.o"], check=True)
    cli = sorted(str(p) for p in (REPO / "tools" / "cli").glob("*.c") if p.name != "dev.c")
    # a relative sysfs: each test's own directory holds it
    subprocess.run(["gcc", *CFLAGS, "-Wall", "-Wextra", "-Werror",
                    '-DCPU_SYSFS="sys/devices/system/cpu"', f"-I{REPO / 'include'}",
                    f"-I{OUT / 'include'}", "-o", OUT / "lvisor", *cli,
                    HERE / "fake" / "fake_dev.c", OUT / "cJSON.o"], check=True)
    return OUT / "lvisor"


class Root:
    """The test's sysfs: cpuN/online for the root's CPUs ("1", "0", or None: no switch)."""

    def __init__(self, top, cpus):
        self.top = top / "sys" / "devices" / "system" / "cpu"
        for cpu, state in cpus.items():
            d = self.top / f"cpu{cpu}"
            d.mkdir(parents=True)
            if state is not None:
                (d / "online").write_text(state + "\n")

    def online(self, cpu):
        f = self.top / f"cpu{cpu}" / "online"
        return f.read_text()[0] if f.exists() else None


@pytest.fixture
def host(host_cli, workdir):
    """host(*args, name="lvisor", **fake) -> (rc, out, err, log lines); fake: FAKE_* variables."""

    def run(*args, name="lvisor", **fake):
        exe = workdir / f"{name}-host" / name
        if not exe.exists():
            exe.parent.mkdir()
            exe.symlink_to(host_cli)
        log = workdir / "ioctl.log"
        log.unlink(missing_ok=True)
        env = dict(os.environ, FAKE_LOG=str(log), FAKE_CONFIG_OUT=str(workdir / "started.bin"),
                   ASAN_OPTIONS="detect_leaks=1:abort_on_error=0")
        env.update({f"FAKE_{k.upper()}": str(v) for k, v in fake.items()})
        r = subprocess.run([exe, *args], cwd=workdir, env=env, capture_output=True, text=True,
                           timeout=60)
        lines = log.read_text().splitlines() if log.exists() else []
        return r.returncode, r.stdout, r.stderr, lines

    return run


def checksum(data):
    s = 0
    for b in data:
        s = (s * 31 + b) & 0xFFFFFFFF
    return f"{s:08x}"


def loads(workdir):
    k, d = (workdir / "vmlinux.bin").read_bytes(), (workdir / "zone.dtb").read_bytes()
    return [f"LOAD_IMAGE 0x40200000 0x{len(k):x} {checksum(k)}",
            f"LOAD_IMAGE 0x40000000 0x{len(d):x} {checksum(d)}",
            f"LOAD_IMAGE 0x48000000 0x{len(d):x} {checksum(d)}"]  # zone1.json's module


def test_start(host, workdir, run):
    root = Root(workdir, {0: None, 1: "1", 2: "1", 3: "1"})
    rc, out, err, log = host("zone", "start", "zone1.json")
    assert (rc, out, err) == (0, "zone 1 (linux1) started on CPUs 2-3\n", "")
    assert log == ["open", "CONFIG_CHECK", *loads(workdir), "ZONE_START cpu2=0 cpu3=0"]
    assert [root.online(c) for c in range(4)] == [None, "1", "0", "0"]
    # the ioctl gets what --dump writes
    assert run("zone", "start", "--dump", "dump.bin", "zone1.json").rc == 0
    assert (workdir / "started.bin").read_bytes() == (workdir / "dump.bin").read_bytes()


def test_refused_zone_gives_the_cpus_back_and_says_why(host, workdir):
    root = Root(workdir, {0: None, 1: "1", 2: "1", 3: "1"})
    why = "memory_regions[0]: RAM 0x40000000+0x10000000 overlaps zone 2's RAM"
    rc, out, err, log = host("zone", "start", "zone1.json", start_errno=16, last_error=why)
    assert (rc, out) == (1, "")
    assert err == f"lvisor: zone1.json: lvisor refused the zone: {why} (Device or resource busy)\n"
    assert log[-2:] == ["ZONE_START cpu2=0 cpu3=0", "LAST_ERROR"]
    assert [root.online(c) for c in range(4)] == [None, "1", "1", "1"]


def test_refusal_without_a_reason(host, workdir):
    Root(workdir, {2: "1", 3: "1"})
    rc, _, err, _ = host("zone", "start", "zone1.json", start_errno=22)
    assert (rc, err) == (1, "lvisor: zone1.json: lvisor refused the zone (Invalid argument)\n")


def test_only_the_cpus_taken_come_back(host, workdir):
    # CPU 3 was offline before: the tool leaves it so
    root = Root(workdir, {2: "1", 3: "0"})
    rc, _, _, log = host("zone", "start", "zone1.json", start_errno=16)
    assert rc == 1 and "ZONE_START cpu2=0 cpu3=0" in log
    assert (root.online(2), root.online(3)) == ("1", "0")


def test_wrong_config_layout_stops_before_loading(host, workdir):
    root = Root(workdir, {2: "1", 3: "1"})
    rc, _, err, log = host("zone", "start", "zone1.json", magic=5)
    assert (rc, log) == (1, ["open", "CONFIG_CHECK"])
    assert err == ("lvisor: lvisor takes zone config layout 5, this tool writes layout 6: "
                   "they do not fit together\n")
    assert (root.online(2), root.online(3)) == ("1", "1")


def test_failed_load_leaves_the_cpus_alone(host, workdir):
    root = Root(workdir, {2: "1", 3: "1"})
    rc, _, err, log = host("zone", "start", "zone1.json", load_errno=14)
    assert rc == 1 and log[-1].startswith("LOAD_IMAGE 0x40200000")
    assert err == ('lvisor: zone1.json: kernel_filepath: loading "vmlinux.bin" to 0x40200000 '
                   "failed: Bad address\n")
    assert (root.online(2), root.online(3)) == ("1", "1")


def test_bad_config_never_opens_the_device(host, workdir):
    rc, _, err, log = host("zone", "start", "missing-cpus.json")
    assert (rc, err, log) == (1, 'lvisor: missing-cpus.json: missing key "cpus"\n', [])


ZONES = "0:root:0x3:768:0;1:linux1:0xc:256:0"


@pytest.mark.parametrize("name,args", [("lvisor", ["-id", "1"]), ("lvisor", ["--id", "1"]),
                                       ("lvisor", ["--id=1"])])
def test_shutdown_brings_the_cpus_back(host, workdir, name, args):
    root = Root(workdir, {0: None, 1: "1", 2: "0", 3: "0"})
    rc, out, err, log = host("zone", "shutdown", *args, name=name, zones=ZONES)
    assert (rc, err) == (0, "")
    assert out == "zone 1 (linux1) shut down; CPUs 2-3 back online in the root zone\n"
    assert log == ["open", "ZONE_LIST 32", "ZONE_SHUTDOWN 1"]
    assert [root.online(c) for c in range(4)] == [None, "1", "1", "1"]


def test_as_hvisor_shutdown_leaves_the_cpus_offline(host, workdir):
    """hvisor-tool's behaviour: bringing CPUs back online is the administrator's."""
    root = Root(workdir, {0: None, 1: "1", 2: "0", 3: "0"})
    rc, out, err, log = host("zone", "shutdown", "-id", "1", name="hvisor", zones=ZONES)
    assert (rc, err, out) == (0, "", "zone 1 (linux1) shut down\n")
    assert log == ["open", "ZONE_LIST 32", "ZONE_SHUTDOWN 1"]
    assert [root.online(c) for c in range(4)] == [None, "1", "0", "0"]


def test_shutdown_of_cpus_the_root_does_not_have(host, workdir):
    Root(workdir, {0: None, 1: "1"})
    rc, out, _, _ = host("zone", "shutdown", "-id", "1", zones=ZONES)
    assert (rc, out) == (0, "zone 1 (linux1) shut down\n")


def test_shutdown_of_an_unknown_zone(host, workdir):
    rc, _, err, log = host("zone", "shutdown", "-id", "5", zones=ZONES)
    assert (rc, log) == (1, ["open", "ZONE_LIST 32"])
    assert err == "lvisor: there is no zone 5 (`lvisor zone list` shows the zones)\n"


def test_failed_shutdown_keeps_the_cpus_offline(host, workdir):
    root = Root(workdir, {2: "0", 3: "0"})
    rc, _, err, _ = host("zone", "shutdown", "-id", "1", zones=ZONES, shutdown_errno=16)
    assert (rc, err) == (1, "lvisor: shutting down zone 1 (linux1) failed: Device or resource busy\n")
    assert (root.online(2), root.online(3)) == ("0", "0")


def test_list(host):
    name32 = "n" * 32
    zones = f"0:root:0x1:768:0;1:linux1:0x6:256:0;2:{name32}:0xa8:1024:1"
    rc, out, err, log = host("zone", "list", zones=zones)
    assert (rc, err, log) == (0, "", ["open", "ZONE_LIST 32"])
    w = 32
    assert out.splitlines() == [
        f"id  {'name':<{w}}  CPUs   RAM       state",
        f"0   {'root':<{w}}  0      768 MiB   running",
        f"1   {'linux1':<{w}}  1-2    256 MiB   running",
        f"2   {name32}  3,5,7  1024 MiB  error",
    ]


def test_list_short_names(host):
    rc, out, _, _ = host("zone", "list", name="hvisor", zones="0:root:0xf:1008:0")
    assert out == "id  name  CPUs  RAM       state\n0   root  0-3   1008 MiB  running\n"


def test_list_failure(host):
    rc, out, err, _ = host("zone", "list", list_errno=22)
    assert (rc, out) == (1, "")
    assert err == "lvisor: reading lvisor's zone list (HVISOR_ZONE_LIST) failed: Invalid argument\n"
