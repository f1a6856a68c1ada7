"""`make run`, the README's first command, gives a shell on the root zone and
`poweroff` ends it."""

from lib.console import BOOT_TIMEOUT


def test_make_run_gives_a_shell_and_poweroff_leaves(console):
    con = console(["make", "--no-print-directory", "run"])
    con.shell(timeout=BOOT_TIMEOUT)
    assert con.run("hostname") == "lvisor"
    con.sendline("poweroff")
    assert con.wait_exit() == 0
