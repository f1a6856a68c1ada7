"""Cross-check of the LVZ emulator with code written for real silicon: Linux's
own KVM (kvm.ko of the zone kernel) loads on the patched QEMU, creates
/dev/kvm, and runs the test guest through kvm-vmm 20 times out of 20 (MMIO,
CPUCFG, hvcl, stage-2 faults, guest timer interrupts while spinning and after
idle).

The boot runs /kvm-run.sh as init, which needs no console input: it loads
kvm.ko, runs the VMM, prints one marked block per run and the kernel log, and
powers off."""

import os
import re

import pytest

from lib.console import BOOT_TIMEOUT, Console

RUNS = 20
# LVZ_KVM_SMP=1 narrows a failure down to one CPU; the cross-check itself uses 2.
SMP = os.environ.get("LVZ_KVM_SMP", "2")
EXPECTED = [
    "guest: hello",
    "guest: cpucfg ok",
    "guest: mmio read ok",
    "guest: hypercall ok",
    "guest: memory ok",
    "guest: timer interrupt",
    "guest: timer interrupt",
    "guest: done",
]
LAST = re.compile(r"vmm: guest status 0 after \d+ exits")
KERNEL_TROUBLE = re.compile(r"Oops|BUG:|WARNING:|Call Trace|Kernel panic|kvm.*(error|fail)", re.I)


@pytest.fixture(scope="module")
def transcript(build_dir):
    """Console output of one boot of the zone kernel, loading kvm.ko, on the LVZ QEMU."""
    # LVZ_QEMU picks another build of the patched QEMU (e.g. one being edited).
    qemu = os.environ.get("LVZ_QEMU", build_dir / "bin" / "qemu-system-loongarch64")
    kernel = build_dir / "linux" / "vmlinux"
    initramfs = build_dir / "tests" / "kvm" / "initramfs.cpio.gz"
    for path in (qemu, kernel, initramfs):
        assert os.path.exists(path), f"{path} is missing: run make kvm-tests (and make emulator)"
    log_dir = build_dir / "test-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    con = Console([str(qemu), "-M", "virt", "-cpu", "la464,lvz=on", "-smp", SMP, "-m", "1G",
                   "-nographic", "-no-reboot", "-nic", "none",
                   "-kernel", str(kernel), "-initrd", str(initramfs),
                   "-append", f"console=ttyS0,115200 rdinit=/kvm-run.sh kvm_runs={RUNS}"],
                  log_path=log_dir / "kvm-crosscheck.log")
    try:
        con.expect(r"kvm-run: dmesg end", timeout=BOOT_TIMEOUT + RUNS * 60)
        con.expect(r"reboot: Power down")
    finally:
        con.close()
    with open(log_dir / "kvm-crosscheck.log", encoding="utf-8") as f:
        return f.read().replace("\r", "")


def test_kvm_loaded_and_dev_kvm_present(transcript):
    loaded = re.search(r"kvm-run: insmod kvm.ko status (\d+), (\d+) kvm module loaded", transcript)
    assert loaded, "the init script did not start"
    assert loaded.groups() == ("0", "1"), loaded.group(0)
    head = re.search(r"kvm-run: (\d+) CPUs, (.*)", transcript)
    assert head, "the init script did not start"
    assert head.group(1) == SMP
    # misc device 10:232 is /dev/kvm
    assert re.search(r"^c.* 10, *232 .*/dev/kvm", head.group(2)), head.group(2)
    assert "virtualization not available" not in transcript


def test_vmm_runs_guest_20_of_20(transcript):
    failures = []
    for i in range(1, RUNS + 1):
        m = re.search(rf"kvm-run: begin {i}\n(.*?)kvm-run: end {i} status (\d+)\n", transcript, re.S)
        if not m:
            failures.append(f"run {i}: no result")
            continue
        lines = [line for line in m.group(1).splitlines() if line]
        if m.group(2) != "0" or not lines or lines[:-1] != EXPECTED or not LAST.fullmatch(lines[-1]):
            failures.append(f"run {i}: status {m.group(2)}\n{m.group(1)}")
    passed = RUNS - len(failures)
    assert not failures, f"{passed}/{RUNS} runs passed; failed runs:\n" + "\n".join(failures)


def test_vmm_reports_a_missing_guest(transcript):
    assert "kvm-run: missing guest status 2" in transcript


def test_no_kernel_warnings(transcript):
    log = re.search(r"kvm-run: dmesg begin\n(.*)kvm-run: dmesg end", transcript, re.S)
    assert log, "no kernel log in the transcript"
    trouble = [line for line in log.group(1).splitlines() if KERNEL_TROUBLE.search(line)]
    assert not trouble, "\n".join(trouble)
