"""Each exit path, driven from a bare-metal guest booted as the root zone
(tests/hypervisor/guest): CPUCFG, hypercalls (good and garbage), IOCSR policy,
idle with the guest timer, stage-2 violations, an idle storm, secondary vCPUs
started through the mailbox protocol, every GPR kept across HVC, GSPR and
interrupt exits (which lvisor saves differently), and poweroff through the
passed-through GED register."""

import re

CHECKS = [
    "cpucfg-hides-lvz", "hvc-config-check", "hvc-unknown", "hvc-bad-pointer",
    "hvc-keeps-gprs", "gspr-keeps-gprs",
    "iocsr-features", "iocsr-refused", "idle-timer-wakeup", "idle-periodic",
    "stage2-violation", "stage2-violation-store", "idle-storm-self-ipi",
    "int-exits-keep-gprs",
]


def test_guest_exits(lvisor, test_guest):
    con = lvisor(kernel=test_guest, initrd="")
    con.expect(r"guest: hello from zone 0", timeout=120)
    con.expect(r"guest: done, powering off", timeout=120)
    assert con.wait_exit(timeout=60) == 0
    log = open(con.log_path).read()
    results = dict(re.findall(r"CHECK (\S+) (ok|FAIL)", log))
    for name in CHECKS:
        assert results.get(name) == "ok", f"{name}: {results.get(name)}"
    assert re.search(r"guest: vCPUs up 0x0+4", log), "not all 4 vCPUs started"
    # lvisor logged the refused accesses and carried on
    assert "outside its memory" in log
    assert "IOCSR write32 1234" in log


def test_guest_on_one_cpu(lvisor, test_guest):
    con = lvisor(kernel=test_guest, initrd="", smp=1)
    con.expect(r"guest: done, powering off", timeout=120)
    assert con.wait_exit(timeout=60) == 0
    log = open(con.log_path).read()
    assert re.search(r"guest: vCPUs up 0x0+1", log)
