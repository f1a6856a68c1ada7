"""The zone kernel and initramfs boot natively on QEMU's LoongArch virt board:
what `make run` does until the hypervisor exists."""

from lib.console import BOOT_TIMEOUT


def test_native_boot_reaches_shell_and_powers_off(console):
    con = console(["bash", "scripts/run-native.sh"])
    con.expect(r"lvisor guest up: Linux 6\.12", timeout=BOOT_TIMEOUT)
    con.shell()
    assert con.run("uname -m") == "loongarch64"
    assert con.run("nproc") == "4"
    # devtmpfs is mounted and the console is the first UART.
    assert "/dev/ttyS0" in con.run("ls /dev/ttyS0")
    # Job control (Ctrl-C, Ctrl-Z) needs the shell to own its terminal.
    assert con.run(": </dev/tty && echo has-ctty") == "has-ctty"
    con.sendline("poweroff")
    con.expect(r"reboot: Power down")
    assert con.wait_exit() == 0
