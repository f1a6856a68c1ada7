"""The zone-fatal tier: a zone whose exception entry lies outside its memory
can take no exception any more. lvisor parks every CPU of that zone, says why
in one line and keeps running (guest: tests/hypervisor/guest/park.c)."""

import re
import time

from lib.console import scaled

PARKED = (r"\[lvisor\] error: zone 0 \(root-linux\) parked: exception entry (?:0x)?([0-9a-f]+) "
          r"outside the zone's memory \(CPU (\d+), era (?:0x)?[0-9a-f]+\)")
CPU_PARKED = r"\[lvisor\] CPU (\d+) parked\b"


def test_zone_without_exception_entry_is_parked(lvisor, park_guest):
    con = lvisor(kernel=park_guest, initrd="")
    con.expect(r"guest: vCPUs up (\d+)", timeout=120)
    started = int(con.child.match.group(1))
    assert started == 4, "the guest could not start its secondary vCPUs"
    con.expect(r"guest: break at (0x[0-9a-f]+)", timeout=60)
    con.expect(PARKED, timeout=60)
    assert int(con.child.match.group(1), 16) == 0x0F000000  # EENTRY the guest set
    assert con.child.match.group(2) == "0"  # the boot vCPU took the break
    # every CPU of the zone stops: the one that faulted, the one spinning in
    # guest code, the ones asleep in idle
    parked = []
    for _ in range(started):
        con.expect(CPU_PARKED, timeout=60)
        parked.append(int(con.child.match.group(1)))
    assert sorted(parked) == list(range(started)), parked

    time.sleep(scaled(2))  # anything lvisor would still print
    assert con.child.isalive(), "QEMU exited: lvisor did not keep running"
    log = open(con.log_path).read()
    assert len(re.findall(PARKED, log)) == 1
    after = log[re.search(PARKED, log).end():]
    assert sorted(int(n) for n in re.findall(CPU_PARKED, after)) == list(range(started))
    assert not re.search(r"FATAL|panic", log, re.IGNORECASE)
    assert "still running after the break" not in log
