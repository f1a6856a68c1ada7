"""UEFI boot: QEMU's EDK2 (Debian's qemu-efi-loongarch64, -bios QEMU_EFI.fd)
starts lvisor.efi from the removable-media path of a FAT ESP; it loads
lvisor, the root zone's kernel and initrd from the ESP, exits boot services
and enters lvisor, which boots the root's Linux on every CPU. A broken
config is reported on the firmware console and lvisor.efi returns to the
firmware (hypervisor/boot/efi/)."""

import re
import time

import pytest

from lib.console import BOOT_TIMEOUT, scaled

EFI_HV_PA = 0x0A000000  # EFI_LOAD_ADDR of hypervisor/platform/qemu-virt/platform.mk
EFI_HV_SIZE = 0x01000000


@pytest.fixture
def uefi_esp(repo, build_dir, tmp_path):
    """Factory: uefi_esp(cfg=None) -> a FAT ESP image with lvisor.efi, lvisor,
    the zone kernel and initramfs; cfg replaces the generated lvisor.cfg."""
    import subprocess

    hv = build_dir / "hypervisor-efi"

    def make(cfg=None):
        img = tmp_path / "esp.img"
        argv = [str(repo / "hypervisor" / "boot" / "efi" / "make-esp.sh"), str(img),
                "--efi", str(hv / "lvisor.efi"), "--hv", str(hv / "lvisor.elf"),
                "--kernel", str(build_dir / "linux" / "vmlinux"),
                "--initrd", str(build_dir / "initramfs.cpio.gz")]
        if cfg is not None:
            (tmp_path / "lvisor.cfg").write_text(cfg)
            argv += ["--cfg", str(tmp_path / "lvisor.cfg")]
        subprocess.run(argv, check=True, timeout=scaled(120))
        return img

    return make


@pytest.fixture
def uefi_lvisor(console, repo, uefi_esp):
    def start(cfg=None, mem="2G"):
        img = uefi_esp(cfg)
        argv = ["bash", str(repo / "hypervisor" / "run.sh"), "--smp", "4", "--mem", mem,
                "--boot", "uefi", "--esp", str(img)]
        con = console(argv)
        con.expect(r"lvisor\.efi: lvisor's UEFI loader for qemu-virt", timeout=scaled(120))
        return con

    return start


def test_uefi_boot_to_root_shell(uefi_lvisor):
    con = uefi_lvisor()
    con.expect(r"lvisor\.efi: device tree at 0x[0-9a-f]+", timeout=scaled(30))
    con.expect(r"lvisor\.efi: exiting boot services, starting lvisor", timeout=scaled(60))
    # Three lines on the firmware's console, no more: each character there is
    # slow (bench/uefi-boot/README.md).
    assert "lvisor.efi" not in con.child.before, con.child.before
    con.expect(r"static-partitioning hypervisor", timeout=scaled(30))
    con.expect(r"UEFI boot: handoff at", timeout=scaled(30))
    # what the firmware keeps, in lvisor's log instead
    con.expect(r"\[lvisor\] firmware keeps [0-9a-f]+-[0-9a-f]+ \(runtime code\)",
               timeout=scaled(30))
    con.expect(r"4 CPUs online", timeout=scaled(60))
    con.expect(r"entering root zone", timeout=scaled(120))
    con.shell(timeout=BOOT_TIMEOUT)
    assert con.run("nproc") == "4"
    start = time.monotonic()
    con.run("sleep 5")
    elapsed = time.monotonic() - start
    assert 4.5 <= elapsed <= 6.0, elapsed
    # The root's RAM: nothing of lvisor's memory, nor of what EDK2 keeps for its
    # runtime services (the low RAM above lvisor).
    ram = re.findall(r"^\s*([0-9a-f]+)-([0-9a-f]+) : System RAM",
                     con.run("cat /proc/iomem"), re.M)
    assert ram
    for lo, hi in ram:
        lo, hi = int(lo, 16), int(hi, 16) + 1
        assert hi <= EFI_HV_PA or lo >= 0x80000000, (hex(lo), hex(hi))


def test_uefi_verbose_lists_what_is_loaded_and_what_the_firmware_keeps(uefi_lvisor):
    con = uefi_lvisor("kernel=\\lvisor\\vmlinux\ninitrd=\\lvisor\\initrd\nverbose=1\n")
    con.expect(r"lvisor\.efi: device tree at 0x[0-9a-f]+ \(\d+ bytes, EDK2's FDT HOB\), "
               r"ACPI tables too", timeout=scaled(30))
    con.expect(r"lvisor\.efi: lvisor \\lvisor\\lvisor\.elf: 0xa000000-0x[0-9a-f]+, "
               r"entry 0x900000000a000000", timeout=scaled(30))
    con.expect(r"lvisor\.efi: kernel \\lvisor\\vmlinux: \d+ bytes at 0xa0000000",
               timeout=scaled(30))
    con.expect(r"lvisor\.efi: initrd \\lvisor\\initrd: \d+ bytes at 0xa8000000",
               timeout=scaled(30))
    con.expect(r"lvisor\.efi: firmware keeps 0x[0-9a-f]+-0x[0-9a-f]+ \(runtime code\)",
               timeout=scaled(30))
    con.expect(r"lvisor\.efi: exiting boot services, starting lvisor", timeout=scaled(60))
    con.expect(r"UEFI boot: handoff at", timeout=scaled(30))


def test_uefi_verbose_takes_only_0_or_1(uefi_lvisor):
    con = uefi_lvisor("kernel=\\lvisor\\vmlinux\nverbose=yes\n")
    con.expect(re.escape(r"lvisor.efi: error: \lvisor\lvisor.cfg line 2: verbose is 0 or 1"),
               timeout=scaled(60))
    con.expect(r"UEFI Interactive Shell", timeout=scaled(120))


def test_uefi_missing_kernel_returns_to_firmware(uefi_lvisor):
    cfg = ("hypervisor=\\lvisor\\lvisor.elf\n"
           "kernel=\\lvisor\\missing\n"
           "initrd=\\lvisor\\initrd\n")
    con = uefi_lvisor(cfg)
    con.expect(re.escape(r"lvisor.efi: error: cannot open \lvisor\missing: Not Found"),
               timeout=scaled(60))
    con.expect(r"lvisor\.efi: not started; back to the firmware", timeout=scaled(30))
    # the firmware goes on to its next boot option, the UEFI shell: nothing hangs
    con.expect(r"UEFI Interactive Shell", timeout=scaled(120))


def test_uefi_config_for_another_board_is_refused(uefi_lvisor):
    con = uefi_lvisor("kernel=\\lvisor\\vmlinux\nplatform=ls3a5000\n")
    con.expect(r"lvisor\.efi: error: \\lvisor\\lvisor\.cfg is for platform ls3a5000; "
               r"this lvisor\.efi is for qemu-virt", timeout=scaled(60))
    con.expect(r"UEFI Interactive Shell", timeout=scaled(120))


def test_make_run_boot_uefi_gives_a_shell_and_poweroff_leaves(console):
    con = console(["make", "--no-print-directory", "run", "BOOT=uefi"])
    con.expect(r"lvisor\.efi: lvisor's UEFI loader for qemu-virt", timeout=BOOT_TIMEOUT)
    con.expect(r"lvisor\.efi: exiting boot services", timeout=scaled(60))
    con.expect(r"CPU 3 up", timeout=scaled(60))
    con.expect(r"entering root zone", timeout=scaled(60))
    con.shell(timeout=BOOT_TIMEOUT)
    assert con.run("nproc") == "4"
    con.sendline("poweroff")
    assert con.wait_exit() == 0


def test_zone_started_from_the_root_after_a_uefi_boot(build_dir):
    """After a UEFI boot the RAM set aside for zones is there (EDK2 keeps
    nothing in it) and a bare-metal zone runs, isolated, and gives its CPU back."""
    from lib.zones import ZoneMachine

    m = ZoneMachine(build_dir / "test-logs", "test_uefi_boot-zone", boot="uefi")
    try:
        frames = m.free_frames()
        assert m.start("zone-bm.json") == 3
        bm = m.uarts[3]
        bm.expect(r"zone-bm: hello from a bare-metal zone, mode 0")
        bm.expect(r"zone-bm: isolation (\d+)/(\d+)")
        assert bm.child.match.groups() == ("8", "8"), bm.screen()
        bm.expect(r"zone-bm: beat 3")
        assert m.root_cpus_online() == 3
        assert "zone 3 (bare-metal) shut down" in m.shutdown(3)
        assert m.root_cpus_online() == 4
        assert m.free_frames() == frames
    finally:
        m.close()
