"""`make run`, the README's first command, shows lvisor's banner and per-CPU
start-up, then gives a shell on the root zone; `poweroff` ends it."""

from lib.console import BOOT_TIMEOUT


def test_make_run_gives_a_shell_and_poweroff_leaves(console):
    con = console(["make", "--no-print-directory", "run"])
    con.expect(r"lvisor \S+: static-partitioning hypervisor", timeout=BOOT_TIMEOUT)
    con.expect(r"CPU 3 up", timeout=60)
    con.expect(r"entering root zone", timeout=60)
    con.shell(timeout=BOOT_TIMEOUT)
    assert con.run("hostname") == "lvisor"
    assert con.run("nproc") == "4"
    con.sendline("poweroff")
    assert con.wait_exit() == 0
