"""The zone kernel and initramfs boot natively on QEMU's LoongArch virt board:
what `make run-native` does: the same images without lvisor."""

from lib.console import BOOT_TIMEOUT


def test_native_boot_reaches_shell_and_powers_off(console):
    con = console(["bash", "scripts/run-native.sh"])
    con.expect(r"lvisor guest up: Linux 6\.12", timeout=BOOT_TIMEOUT)
    con.shell()
    assert con.run("uname -m") == "loongarch64"
    assert con.run("nproc") == "4"
    # devtmpfs is mounted and the console is the first UART.
    assert con.run("ls /dev/ttyS0 | cat") == "/dev/ttyS0"
    # What zones need from the kernel: ext2/ext4, virtio-mmio, tun, ptys.
    filesystems = con.run("cat /proc/filesystems")
    assert "\text2" in filesystems and "\text4" in filesystems
    # (ls piped, so that it prints no colours)
    assert "virtio-mmio" in con.run("ls /sys/bus/platform/drivers | cat").split()
    assert con.run("ls /dev/net/tun /dev/ptmx | cat") == "/dev/net/tun\n/dev/ptmx"
    # Job control (Ctrl-C, Ctrl-Z) needs the shell to own its terminal.
    assert con.run(": </dev/tty && echo has-ctty") == "has-ctty"
    con.sendline("poweroff")
    con.expect(r"reboot: Power down")
    assert con.wait_exit() == 0
