"""`lvisor zone start --dump` writes the struct lvisor_zone_config a config
makes, without any ioctl: checked here field by field, at the offsets
include/lvisor/zone_config.h asserts, and byte for byte (nothing outside
the fields is set). Numbers may be JSON numbers or strings; hvisor's own
ls3a5000 example config is taken as it is."""

import json
import re
import struct
from pathlib import Path

import pytest

from cli_paths import DTB_BYTES, KERNEL_BYTES

HEADER = Path(__file__).resolve().parents[2] / "include" / "lvisor" / "zone_config.h"
TEXT = HEADER.read_text()
OFF = {"zone_id": 0} | {m[1]: int(m[2]) for m in
                        re.finditer(r"LVISOR_ZC_OFFSET\((\w+)\) == (\d+)", TEXT)}
SIZE = int(re.search(r"#define LVISOR_ZONE_CONFIG_SIZE\s+(\d+)", TEXT)[1])

# Entries as <lvisor/zone_config.h> lays them out (little-endian, natural alignment).
REGION, IVC, PCI_BUS, PCI_DEV = "<I4xQQQ", "<IIQQIIII", "<11QIIB", "<7BxI"
STRIDE = {REGION: 32, IVC: 40, PCI_BUS: 104, PCI_DEV: 12}
SCALARS = {  # field: format
    "zone_id": "<I", "cpus": "<Q", "num_memory_regions": "<I", "num_ivc_configs": "<I",
    "entry_point": "<Q", "kernel_load_paddr": "<Q", "kernel_size": "<Q",
    "dtb_load_paddr": "<Q", "dtb_size": "<Q", "name": "<32s", "arch_config": "<Q",
    "num_pci_bus": "<Q", "num_pci_devs": "<Q",
}
ARRAYS = {  # field: (entry format, its count field)
    "memory_regions": (REGION, "num_memory_regions"), "ivc_configs": (IVC, "num_ivc_configs"),
    "pci_config": (PCI_BUS, "num_pci_bus"), "alloc_pci_devs": (PCI_DEV, "num_pci_devs"),
}


def decode(b):
    d = {f: struct.unpack_from(fmt, b, OFF[f])[0] for f, fmt in SCALARS.items()}
    for f, (fmt, count) in ARRAYS.items():
        d[f] = [struct.unpack_from(fmt, b, OFF[f] + STRIDE[fmt] * i) for i in range(d[count])]
    words = struct.unpack_from("<32I", b, OFF["interrupts_bitmap"])
    d["interrupts"] = [i for i in range(1024) if words[i // 32] >> (i % 32) & 1]
    return d


def encode(d):
    b = bytearray(SIZE)
    for f, fmt in SCALARS.items():
        struct.pack_into(fmt, b, OFF[f], d[f])
    for f, (fmt, _) in ARRAYS.items():
        for i, entry in enumerate(d[f]):
            struct.pack_into(fmt, b, OFF[f] + STRIDE[fmt] * i, *entry)
    for irq in d["interrupts"]:
        b[OFF["interrupts_bitmap"] + irq // 8] |= 1 << (irq % 8)
    return bytes(b)


ZONE1 = {
    "zone_id": 1,
    "cpus": 0b1100,
    "num_memory_regions": 3,
    "memory_regions": [(0, 0x40000000, 0x0, 0x10000000), (1, 0x1FE00000, 0x1FE00000, 0x1000),
                       (2, 0x0, 0x30001000, 0x200)],
    "interrupts": [4, 5, 1023],
    "num_ivc_configs": 1,
    "ivc_configs": [(0, 2, 0xD0000000, 0xD0001000, 0x1000, 0x2000, 66, 2)],
    "entry_point": 0x9000000000200000,
    "kernel_load_paddr": 0x40200000,
    "kernel_size": 0x3000,  # 0x2a01 bytes in whole 4 KiB pages
    "dtb_load_paddr": 0x40000000,
    "dtb_size": 0x1000,
    "name": b"linux1".ljust(32, b"\0"),
    "arch_config": 0,
    "num_pci_bus": 1,
    "pci_config": [(0xFE00000000, 0x20000000, 0x18408000, 0x8000, 0x8000, 0, 0, 0, 0x60000000,
                    0x20000000, 0x60000000, 0, 0x1F, 0)],
    "num_pci_devs": 2,
    # the second entry has no v_*: they default to bus, device, function
    "alloc_pci_devs": [(0, 6, 1, 0, 0, 2, 0, 0), (0, 7, 3, 1, 7, 3, 1, 2)],
}


def test_sizes_fit_the_header():
    assert SIZE == 3184 and len(encode(ZONE1)) == SIZE
    assert (KERNEL_BYTES + 0xFFF) & ~0xFFF == ZONE1["kernel_size"]
    assert (DTB_BYTES + 0xFFF) & ~0xFFF == ZONE1["dtb_size"]


def dump(run, workdir, config, name="lvisor"):
    out = workdir / "out.bin"
    out.unlink(missing_ok=True)
    r = run("zone", "start", "--dump", "out.bin", config, name=name)
    assert (r.rc, r.err) == (0, ""), r
    return out.read_bytes(), r.out


def test_zone1_field_by_field(run, workdir):
    b, out = dump(run, workdir, "zone1.json")
    assert out == "zone1.json: zone 1 (linux1) on CPUs 2-3: 3184 bytes written to out.bin\n"
    assert len(b) == SIZE
    assert decode(b) == ZONE1
    # and nothing else: padding, unused entries and the bitmap's other bits are 0
    assert b == encode(ZONE1)


def rewrite(workdir, src, dst, change):
    cfg = json.loads((workdir / src).read_text())
    change(cfg)
    (workdir / dst).write_text(json.dumps(cfg, indent=1))
    return dst


def numbers_as(cfg, form):
    """Every number of cfg as a JSON number ("number") or as strings in hex and decimal ("string")."""
    def conv(v, key=None):
        if isinstance(v, dict):
            return {k: conv(x, k) for k, x in v.items()}
        if isinstance(v, list):
            return [conv(x, key) for x in v]
        text = key not in (None, "name", "type", "kernel_filepath", "dtb_filepath", "filepath",
                           "arch", "kernel_args")
        if form == "number" and isinstance(v, str) and text and int(v, 0) <= 2**53:
            return int(v, 0)
        if form == "string" and isinstance(v, int):
            return hex(v) if v % 2 else str(v)
        return v
    return conv(cfg)


@pytest.mark.parametrize("form", ["number", "string"])
def test_number_and_string_forms_make_the_same_struct(run, workdir, form):
    f = rewrite(workdir, "zone1.json", f"zone1-{form}.json",
                lambda c: c.update(numbers_as(c, form)))
    text = (workdir / f).read_text()
    assert ('"0x40200000"' in text) == (form == "string")
    assert dump(run, workdir, f)[0] == encode(ZONE1)


def test_keys_match_regardless_of_case(run, workdir):
    # as cJSON_GetObjectItem, which hvisor-tool uses, matches them
    f = rewrite(workdir, "zone1.json", "zone1-case.json",
                lambda c: c.update({k.upper(): c.pop(k) for k in list(c)}))
    assert '"ZONE_ID": 1' in (workdir / f).read_text()
    assert dump(run, workdir, f)[0] == encode(ZONE1)


def test_octal_and_decimal_strings(run, workdir):
    f = rewrite(workdir, "zone1.json", "zone1-octal.json",
                lambda c: c.update(interrupts=["010", "1000"], cpus=["0x2", "3"]))
    got = decode(dump(run, workdir, f)[0])
    assert (got["interrupts"], got["cpus"]) == ([8, 1000], 0b1100)


def test_name_of_31_bytes_keeps_its_nul(run, workdir):
    name = "z" * 29 + "31"
    f = rewrite(workdir, "zone1.json", "zone1-long-name.json", lambda c: c.update(name=name))
    b, out = dump(run, workdir, f)
    assert decode(b)["name"] == name.encode() + b"\0"
    assert b[2328 + 31] == 0  # the field's last byte: the NUL lvisor requires
    assert f"zone 1 ({name}) on CPUs 2-3" in out


def test_64_regions_fit(run, workdir):
    regions = [{"type": "ram", "physical_start": hex(0x40000000 + i * 0x400000),
                "virtual_start": hex(i * 0x400000), "size": "0x400000"} for i in range(64)]
    f = rewrite(workdir, "zone1.json", "zone1-64.json", lambda c: c.update(memory_regions=regions))
    got = decode(dump(run, workdir, f)[0])
    assert got["num_memory_regions"] == 64
    assert got["memory_regions"][63] == (0, 0x40000000 + 63 * 0x400000, 63 * 0x400000, 0x400000)


def test_null_paths_load_nothing(run, workdir):
    f = rewrite(workdir, "zone1.json", "zone1-null.json",
                lambda c: c.update(kernel_filepath="null", dtb_filepath="null", modules=[]))
    got = decode(dump(run, workdir, f)[0])
    assert (got["kernel_size"], got["dtb_size"]) == (0, 0)
    assert (got["kernel_load_paddr"], got["dtb_load_paddr"]) == (0x40200000, 0x40000000)


def test_hvisor_name_dumps_the_same(run, workdir):
    assert dump(run, workdir, "zone1.json", name="hvisor")[0] == encode(ZONE1)


def ls3a5000(c, devs=()):
    # the example's paths are on the board: here they name the test's images
    c.update(kernel_filepath="vmlinux.bin", dtb_filepath="zone.dtb")
    if devs:
        c.update(alloc_pci_devs=list(devs))


def test_hvisor_ls3a5000_example(run, workdir):
    f = rewrite(workdir, "ls3a5000-zone1-linux.json", "ls3a5000.json", ls3a5000)
    got = decode(dump(run, workdir, f)[0])
    assert (got["zone_id"], got["cpus"], got["name"].rstrip(b"\0")) == (1, 0b10, b"linux1")
    assert [r[0] for r in got["memory_regions"]] == [0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 0, 0, 0, 0, 0]
    assert got["memory_regions"][10] == (0, 0x1000, 0x0, 0x10000)
    assert got["memory_regions"][4] == (1, 0xFFFFFFFF0000, 0xFFFFFFFF0000, 0x1000)
    assert got["interrupts"] == [4, 5]
    assert (got["entry_point"], got["kernel_load_paddr"], got["kernel_size"]) == \
        (0x90000000C0DFF000, 0xC0200000, 0x3000)
    assert (got["dtb_load_paddr"], got["dtb_size"], got["arch_config"]) == (0xC0000000, 0x1000, 0)
    assert got["pci_config"] == [(0xFE00000000, 0x20000000, 0x18408000, 0x8000, 0x8000, 0, 0, 0,
                                  0x60000000, 0x20000000, 0x60000000, 0, 0x1F, 0)]
    assert (got["num_ivc_configs"], got["num_pci_devs"]) == (0, 0)


def test_hvisor_ls3a5000_pci_device_without_v_fields(run, workdir):
    dev = {"domain": 0, "bus": 6, "device": 1, "function": 0, "dev_type": "0"}
    f = rewrite(workdir, "ls3a5000-zone1-linux.json", "ls3a5000-dev.json",
                lambda c: ls3a5000(c, [dev]))
    assert decode(dump(run, workdir, f)[0])["alloc_pci_devs"] == [(0, 6, 1, 0, 6, 1, 0, 0)]
