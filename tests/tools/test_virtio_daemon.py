"""The virtio daemon's core (tools/virtio/, all but main.c) built for the
host with ASan and UBSan, around tests/tools/virtio/harness.c, which plays
lvisor (requests into a bridge page, answers and interrupts read back) and
a zone's driver (queues in a fake zone memory with inaccessible pages on
either side). Each scenario is one run of the harness; a sanitizer report
or a stray access aborts it. The virtio JSON's errors are checked here too."""

import json
import subprocess
from pathlib import Path

import pytest

from cli_paths import HERE

REPO = HERE.parents[1]
OUT = REPO / "build" / "tests" / "tools" / "virtio-host"
CFLAGS = ["-std=c11", "-D_GNU_SOURCE", "-g", "-O1", "-fsanitize=address,undefined",
          "-fno-sanitize-recover=all", "-fno-omit-frame-pointer", "-pthread"]
SCENARIOS = ["registers", "console_out", "console_in", "blk_io", "bad_descriptors",
             "looping_chain", "bad_avail", "bad_queue", "garbage", "sleep_and_wake", "no_kick",
             "refill_ring"]


def cjson_source():
    version = subprocess.run(["bash", "-c", ". scripts/versions.sh && echo $CJSON_DEB_VERSION"],
                             cwd=REPO, check=True, capture_output=True, text=True).stdout.strip()
    return Path(subprocess.run(["bash", "scripts/fetch-source.sh", "cjson", version], cwd=REPO,
                               check=True, capture_output=True, text=True).stdout.split()[-1])


@pytest.fixture(scope="session")
def harness():
    src = cjson_source()
    (OUT / "include" / "cjson").mkdir(parents=True, exist_ok=True)
    (OUT / "include" / "cjson" / "cJSON.h").write_bytes((src / "cJSON.h").read_bytes())
    subprocess.run(["gcc", *CFLAGS, "-c", src / "cJSON.c", "-o", OUT / "cJSON.o"], check=True)
    core = sorted(str(p) for p in (REPO / "tools" / "virtio").glob("*.c") if p.name != "main.c")
    tests = sorted(str(p) for p in (HERE / "virtio").glob("*.c"))
    # json_value.c is the CLI's; its own build has its own warning rules
    subprocess.run(["gcc", *CFLAGS, "-Wall", "-Wextra", "-Werror", "-Wshadow", "-Wvla",
                    f"-I{REPO / 'include'}", f"-I{OUT / 'include'}", "-o", OUT / "harness",
                    *tests, *core, REPO / "tools" / "cli" / "json_value.c", OUT / "cJSON.o"],
                   check=True)
    return OUT / "harness"


def run(harness, *args, cwd):
    return subprocess.run([str(harness), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(harness, tmp_path, scenario):
    r = run(harness, scenario, tmp_path, cwd=tmp_path)
    assert "Sanitizer" not in r.stderr and "runtime error" not in r.stderr, r.stderr
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[-1] == f"{scenario}: passed"


def test_a_bad_queue_is_logged_once(harness, tmp_path):
    # bad_descriptors breaks the block queue seven times (with a reset in between)
    r = run(harness, "bad_descriptors", tmp_path, cwd=tmp_path)
    assert r.returncode == 0, r.stdout
    lines = [l for l in r.stderr.splitlines() if "blk@0x30002000: queue 0" in l]
    assert len(lines) == 1, r.stderr
    assert lines[0].endswith("buffer 0x1000 + 0x200 is outside the zone's memory: device needs "
                             "reset (logged once)")


def test_the_image_holds_the_write(harness, tmp_path):
    assert run(harness, "blk_io", tmp_path, cwd=tmp_path).returncode == 0
    data = (tmp_path / "disk.img").read_bytes()
    assert data[5 * 512:6 * 512] == bytes((0xA5 ^ i) & 0xFF for i in range(512))
    assert data[4 * 512:5 * 512] == bytes((4 * 7 + i % 251) & 0xFF for i in range(4 * 512, 5 * 512))


def zone(devices, zid=1, regions=None):
    if regions is None:
        regions = [{"zone0_ipa": "0xc0000000", "zonex_ipa": "0xc0000000", "size": "0x10000000"}]
    return {"id": zid, "memory_region": regions, "devices": devices}


CON = {"type": "console", "addr": "0x30001000", "len": "0x200", "irq": 4, "status": "enable"}
BLK = {"type": "blk", "addr": "0x30002000", "len": "0x200", "irq": 5, "img": "disk.img",
       "status": "enable"}

NET = {"type": "net", "addr": "0x30003000", "len": "0x200", "irq": 6, "tap": "tap0",
       "mac": [0x02, 0, 0, 0, 0, 0x11], "status": "enable"}


def with_(dev, **kw):
    d = dict(dev)
    for k, v in kw.items():
        if v is None:
            d.pop(k)
        else:
            d[k] = v
    return d


BAD = [
    ("not-json", "{", "not JSON (error near line 1)"),
    ("no-zones", {}, 'missing key "zones"'),
    ("zones-empty", {"zones": []}, "zones: empty: no zone to serve"),
    ("zone-id-big", {"zones": [zone([CON], zid=32)]}, "zones[0].id: 32 is too large (0-31)"),
    ("zone-twice", {"zones": [zone([CON]), zone([], zid=1)]},
     "zones[1].id: zone 1 is given twice"),
    ("no-regions", {"zones": [{"id": 1, "devices": [CON]}]},
     'zones[0]: missing key "memory_region"'),
    ("region-unaligned", {"zones": [zone([CON], regions=[
        {"zone0_ipa": "0xc0000800", "zonex_ipa": "0xc0000000", "size": "0x1000"}])]},
     "zones[0].memory_region[0].zone0_ipa: 0xc0000800 is not a multiple of 4 KiB"),
    ("region-overlap", {"zones": [zone([CON], regions=[
        {"zone0_ipa": "0xc0000000", "zonex_ipa": "0xc0000000", "size": "0x2000"},
        {"zone0_ipa": "0xd0000000", "zonex_ipa": "0xc0001000", "size": "0x1000"}])]},
     "zones[0].memory_region[1].zonex_ipa: 0xc0001000 overlaps the zone's region at 0xc0000000"),
    ("region-size-text", {"zones": [zone([CON], regions=[
        {"zone0_ipa": "0xc0000000", "zonex_ipa": "0xc0000000", "size": "big"}])]},
     'zones[0].memory_region[0].size: "big" is not a number'),
    ("type-unknown", {"zones": [zone([with_(CON, type="tty")])]},
     'zones[0].devices[0].type: unknown device type "tty" (expected "console", "blk", "net", '
     '"gpu" or "scmi")'),
    ("type-gpu", {"zones": [zone([with_(CON, type="gpu")])]},
     'zones[0].devices[0].type: "gpu" devices are not served by lvisor\'s daemon (console, blk '
     'and net are)'),
    ("net-no-tap", {"zones": [zone([with_(NET, tap=None)])]},
     'zones[0].devices[0]: missing key "tap"'),
    ("net-tap-name", {"zones": [zone([with_(NET, tap="a/b")])]},
     'zones[0].devices[0].tap: "a/b" is not an interface name (1-15 bytes, no \'/\' or blank)'),
    ("net-mac-short", {"zones": [zone([with_(NET, mac=[2, 0, 0, 0, 0])])]},
     "zones[0].devices[0].mac: 5 numbers, a MAC address has 6"),
    ("net-mac-byte", {"zones": [zone([with_(NET, mac=[2, 0, 0, 0, 0, 256])])]},
     "zones[0].devices[0].mac[5]: 256 does not fit in 8 bits"),
    ("net-mac-multicast", {"zones": [zone([with_(NET, mac=[1, 0, 0, 0, 0, 1])])]},
     "zones[0].devices[0].mac: 01:...: a multicast address"),
    ("addr-zero", {"zones": [zone([with_(CON, addr=0)])]},
     "zones[0].devices[0].addr: must not be 0"),
    ("no-irq", {"zones": [zone([with_(CON, irq=None)])]},
     'zones[0].devices[0]: missing key "irq"'),
    ("irq-range", {"zones": [zone([with_(CON, irq=12)])]},
     "zones[0].devices[0].irq: 12 is not a zone interrupt line (2-9: HWI0-7)"),
    ("irq-shared", {"zones": [zone([CON, with_(BLK, irq=4)])]},
     "zones[0].devices[1].irq: 4 is the line of the zone's device at 0x30001000 too"),
    ("dev-overlap", {"zones": [zone([CON, with_(BLK, addr="0x30001100")])]},
     "zones[0].devices[1].addr: 0x30001100 overlaps the zone's device at 0x30001000"),
    ("len-small", {"zones": [zone([with_(CON, len="0x100")])]},
     "zones[0].devices[0].len: 0x100: a virtio-mmio window is 0x200 to 0x1000 bytes"),
    ("status-bad", {"zones": [zone([with_(CON, status="on")])]},
     'zones[0].devices[0].status: "on" is neither "enable" nor "disable"'),
    ("blk-no-img", {"zones": [zone([with_(BLK, img=None)])]},
     'zones[0].devices[0]: missing key "img"'),
    ("blk-empty-img", {"zones": [zone([with_(BLK, img="")])]},
     "zones[0].devices[0].img: empty path"),
    ("all-disabled", {"zones": [zone([with_(CON, status="disable")])]},
     "no enabled device in any zone"),
    ("nine-devices", {"zones": [zone([with_(CON, addr=hex(0x30000000 + 0x1000 * i), irq=2 + i % 8)
                                      for i in range(8)]),
                                zone([CON], zid=2)]},
     "zones[1].devices[0]: a ninth device: at most 8 fit"),
]


@pytest.mark.parametrize("name,cfg,why", BAD, ids=[b[0] for b in BAD])
def test_bad_config(harness, tmp_path, name, cfg, why):
    f = tmp_path / f"{name}.json"
    f.write_text(cfg if isinstance(cfg, str) else json.dumps(cfg, indent=1))
    r = run(harness, "config", f, cwd=tmp_path)
    assert (r.returncode, r.stdout) == (1, f"{f}: {why}\n")


def test_hvisor_example_config(harness, tmp_path):
    # hvisor's ls3a5000 virtio.json, zone 1 (two regions, console irq 4, blk irq 5)
    cfg = {"zones": [{"id": 1, "memory_region": [
        {"zone0_ipa": "0xc0000000", "zonex_ipa": "0xc0000000", "size": "0x10000000"},
        {"zone0_ipa": "0xd0000000", "zonex_ipa": "0xd0000000", "size": "0x10000000"}],
        "devices": [dict(CON, addr="0x30001000"), dict(BLK, img="/tool/linux1-disk.ext4")]}]}
    f = tmp_path / "virtio.json"
    f.write_text(json.dumps(cfg))
    r = run(harness, "config", f, cwd=tmp_path)
    assert (r.returncode, r.stdout) == (0, "ok: 1 zones, 2 devices\n")


def test_net_through_a_tap(harness, tmp_path):
    # in a network namespace of its own: the tap, and the packet socket playing the root's side
    if not Path("/dev/net/tun").exists():
        pytest.skip("no /dev/net/tun")
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode:
        pytest.skip("cannot make a network namespace (unshare -n)")
    r = subprocess.run(["unshare", "-n", str(harness), "net", str(tmp_path)], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    assert "Sanitizer" not in r.stderr and "runtime error" not in r.stderr, r.stderr
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[-1] == "net: passed"


def test_installed_configs(harness, tmp_path):
    """The configs the root's /etc/lvisor carries parse as they are."""
    zones = REPO / "guests" / "zones"
    r = run(harness, "config", zones / "virtio-zone1.json", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (0, "ok: 1 zones, 3 devices\n")
    r = run(harness, "config", zones / "virtio-zone1-zone2.json", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (0, "ok: 2 zones, 6 devices\n")
