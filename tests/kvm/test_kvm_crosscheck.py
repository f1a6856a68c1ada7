"""Cross-check of the LVZ emulator with code written for real silicon: Linux's
own KVM boots on the patched QEMU, creates /dev/kvm, and runs the test guest
through kvm-vmm 20 times out of 20 (MMIO, CPUCFG, hvcl, stage-2 faults, guest
timer interrupts while spinning and after idle)."""

import os
import re

import pytest

from lib.console import BOOT_TIMEOUT, COMMAND_TIMEOUT, Console

RUNS = 20
GUEST = "/usr/share/kvm-test/guest.elf"
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
def kvm_host(build_dir):
    """The KVM kernel booted natively on the LVZ QEMU, at a shell."""
    # LVZ_QEMU picks another build of the patched QEMU (e.g. one being edited).
    qemu = os.environ.get("LVZ_QEMU", build_dir / "bin" / "qemu-system-loongarch64")
    kernel = build_dir / "linux-kvm" / "vmlinux"
    initramfs = build_dir / "tests" / "kvm" / "initramfs.cpio.gz"
    for path in (qemu, kernel, initramfs):
        assert os.path.exists(path), f"{path} is missing: run make -C tests/kvm (and make emulator)"
    log_dir = build_dir / "test-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    con = Console([str(qemu), "-M", "virt", "-cpu", "la464,lvz=on", "-smp", "2", "-m", "1G",
                   "-nographic", "-no-reboot", "-nic", "none",
                   "-kernel", str(kernel), "-initrd", str(initramfs),
                   "-append", "console=ttyS0,115200 rdinit=/init"],
                  log_path=log_dir / "kvm-crosscheck.log")
    try:
        con.expect(r"lvisor guest up", timeout=BOOT_TIMEOUT)
        con.shell()
        # Kernel messages would interleave with the VMM's output: dmesg is read instead.
        con.run("dmesg -n 1")
        yield con
        con.sendline("poweroff")
        con.expect(r"reboot: Power down")
    finally:
        con.close()


def test_kvm_loaded_and_dev_kvm_present(kvm_host):
    assert kvm_host.run("nproc") == "2"
    # misc device 10:232 is /dev/kvm
    assert re.match(r"c.* 10, *232 ", kvm_host.run("ls -l /dev/kvm"))
    assert "virtualization not available" not in kvm_host.run("dmesg")


def test_vmm_runs_guest_20_of_20(kvm_host):
    failures = []
    for i in range(RUNS):
        rc, out = kvm_host.run_rc(f"kvm-vmm -t 60 {GUEST}", timeout=COMMAND_TIMEOUT)
        lines = [line for line in out.strip().splitlines() if line]
        if rc != 0 or not lines or lines[:-1] != EXPECTED or not LAST.fullmatch(lines[-1]):
            failures.append(f"run {i + 1}: status {rc}\n{out}")
    passed = RUNS - len(failures)
    assert not failures, f"{passed}/{RUNS} runs passed; failed runs:\n" + "\n".join(failures)


def test_vmm_reports_a_missing_guest(kvm_host):
    rc, out = kvm_host.run_rc("kvm-vmm /nonexistent.elf 2>&1")
    assert rc == 2 and "/nonexistent.elf" in out


def test_no_kernel_warnings(kvm_host):
    trouble = [line for line in kvm_host.run("dmesg").splitlines() if KERNEL_TROUBLE.search(line)]
    assert not trouble, "\n".join(trouble)
