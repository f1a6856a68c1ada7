"""Every broken zone config under bad-configs/ is refused with one exact
line that names the file, the key path and what is wrong, before the tool
goes near /dev/hvisor (so all of this runs on the host)."""

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

BAD = {
    "missing-cpus.json": 'missing key "cpus"',
    "missing-pci-config.json": 'missing key "pci_config"',
    "missing-region-size.json": 'memory_regions[1]: missing key "size"',
    "module-missing-filepath.json": 'modules[0]: missing key "filepath"',
    "pci-bus-missing-domain.json": 'pci_config[0]: missing key "domain"',
    "cpus-not-an-array.json": "cpus: expected an array, found a string",
    "name-not-a-string.json": "name: expected a string, found a number",
    "region-not-an-object.json": "memory_regions[0]: expected an object, found a string",
    "size-is-true.json": "memory_regions[0].size: expected a number, found true",
    "size-not-a-number.json": 'memory_regions[2].size: "0x1000z" is not a number',
    "zone-id-negative.json": "zone_id: -1 is negative",
    "zone-id-zero.json": "zone_id: 0 is the root zone: a zone to start needs 1 or more",
    "zone-id-above-32-bits.json": 'zone_id: "0x100000000" does not fit in 32 bits',
    "address-fraction.json": "kernel_load_paddr: 1.5 is not a whole number",
    "address-too-large-for-json-number.json":
        'entry_point: 1.0376293543879639e+19 is too large for a JSON number: '
        'write it as a string ("0x...")',
    "address-above-64-bits.json":
        'memory_regions[0].physical_start: "0x10000000000000000" does not fit in 64 bits',
    "address-negative-string.json": 'memory_regions[0].virtual_start: "-0x1000" is negative',
    "pci-device-bus-above-8-bits.json": "alloc_pci_devs[0].bus: 256 does not fit in 8 bits",
    "too-many-regions.json": "memory_regions: 65 regions, at most 64 fit",
    "too-many-ivc-configs.json": "ivc_configs: 3 entries, at most 2 fit",
    "regions-empty.json": "memory_regions: empty: a zone needs RAM",
    "unknown-region-type.json":
        'memory_regions[1].type: unknown region type "rom" (expected "ram", "io" or "virtio")',
    "cpu-out-of-range.json": "cpus[1]: CPU 64 is out of range (0-63)",
    "cpus-empty.json": "cpus: empty: a zone needs a CPU",
    "interrupt-out-of-range.json": "interrupts[1]: 1024 is out of range (0-1023)",
    "name-33-bytes.json":
        'name: "abcdefghijklmnopqrstuvwxyz0123456" is 33 bytes long, at most 31 fit',
    "name-32-bytes.json":
        'name: "abcdefghijklmnopqrstuvwxyz012345" is 32 bytes long, at most 31 fit',
    "name-empty.json": "name: empty",
    "name-not-printable.json": "name: byte 5 is 0x07, not printable ASCII",
    "not-json.json": "not JSON (error near line 3)",
    "trailing-garbage.json": "not JSON (error near line 39)",
    "empty.json": "empty file",
    "top-level-array.json": "expected a JSON object at the top, found an array",
    "kernel-missing.json":
        'kernel_filepath: cannot open "no-such-vmlinux.bin": No such file or directory',
    "kernel-is-a-directory.json": 'kernel_filepath: cannot read ".": not a regular file',
    "kernel-outside-ram.json":
        "kernel_load_paddr: 0x80000000 is in none of the zone's RAM regions (for \"vmlinux.bin\")",
    "kernel-larger-than-its-ram.json":
        'kernel_filepath: "vmlinux.bin" is 0x2a01 bytes (0x3000 in 4 KiB pages), but '
        "memory_regions[0] (RAM 0x90000000+0x4000) holds only 0x2000 from 0x90002000",
    "dtb-missing.json": 'dtb_filepath: cannot open "no-such.dtb": No such file or directory',
}


def test_every_bad_config_has_its_message():
    on_disk = {p.name for p in (HERE / "bad-configs").glob("*.json")}
    assert on_disk == set(BAD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_config_is_refused_with_one_line(run, workdir, name):
    want = f"lvisor: {name}: {BAD[name]}\n"
    r = run("zone", "start", "--dump", "out.bin", name)
    assert (r.rc, r.out, r.err) == (1, "", want)
    assert not (workdir / "out.bin").exists()
    # without --dump the same check comes first: the host has no /dev/hvisor to complain about
    r = run("zone", "start", name)
    assert (r.rc, r.out, r.err) == (1, "", want)


def test_hvisor_name_in_messages(run):
    r = run("zone", "start", "missing-cpus.json", name="hvisor")
    assert (r.rc, r.err) == (1, 'hvisor: missing-cpus.json: missing key "cpus"\n')


def test_config_file_missing(run):
    r = run("zone", "start", "no-such-zone.json")
    assert (r.rc, r.err) == (1, "lvisor: no-such-zone.json: cannot open: No such file or directory\n")
