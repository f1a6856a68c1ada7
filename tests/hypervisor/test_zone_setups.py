"""hvisor's set-up: the root zone boots on a subset of the CPUs (root_cpus=0,
`make run ROOT_CPUS=0`) and zones take the others, with no hot-unplug."""

from lib.console import BOOT_TIMEOUT
from lib.zones import machine_fixtures


machine, show_consoles = machine_fixtures("test_zone_setups", root_cpus="0")


def test_root_on_cpu0_only_and_zones_on_the_rest(machine):
    root = machine.root
    assert root.run("nproc") == "1"
    assert machine.zones()[0][:2] == ("root-linux", "0")
    # CPUs 1-3 are not the root's: a zone takes them as they are (hvisor-tool's own way)
    assert "zone 1 (zone1) started on CPUs 1" in root.run(
        "hvisor zone start /etc/lvisor/zone1-linux.json")
    assert "zone 2 (zone2) started on CPUs 2-3" in root.run(
        "hvisor zone start /etc/lvisor/zone2-linux.json")
    for n, cpus in ((1, 1), (2, 2)):
        con = machine.uarts[n]
        con.expect(rf"lvisor guest up: Linux \S+, {cpus} CPUs", timeout=BOOT_TIMEOUT)
        con.shell()
        assert con.run("nproc") == str(cpus)
    assert sorted(machine.zones()) == [0, 1, 2]
    machine.shutdown(1)
    machine.shutdown(2)
    # they go back to lvisor, not to the root
    assert root.run("nproc") == "1"
    assert list(machine.zones()) == [0]
    assert "zone 1 (zone1) started on CPUs 1" in root.run(
        "lvisor zone start /etc/lvisor/zone1-linux.json")
    machine.uarts[1].expect(r"lvisor guest up: Linux \S+, 1 CPUs", timeout=BOOT_TIMEOUT)
    machine.shutdown(1)
