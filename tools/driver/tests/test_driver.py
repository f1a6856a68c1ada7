"""lvisor.ko in the root zone: it loads, /dev/hvisor appears, hvisor-check
(hvisor-check.c beside this file) gets the answers hvisor-tool expects from
the hypercalls lvisor serves and from the driver's own checks, and the module
unloads and loads again."""

import re

LVISOR_PA = 0x0F000000  # lvisor's own memory on qemu-virt: never loadable or mappable
CHECK = f"/lib/lvisor-tests/hvisor-check -r {LVISOR_PA:#x}"


def test_driver_loads_answers_and_unloads(root_linux):
    con = root_linux
    # init may load it already
    con.run("grep -q '^lvisor ' /proc/modules || insmod /lib/modules/lvisor.ko")
    con.run("test -c /dev/hvisor")
    rc, out = con.run_rc(CHECK)
    assert rc == 0, out
    assert re.search(r"^ok - config check", out, re.M), out
    # the root zone alone, on all four CPUs
    assert re.search(r"^ok - zone list has the root first: 1 zones$", out, re.M), out
    assert re.search(r"^zone 0 cpus 0xf ", out, re.M), out

    con.run("rmmod lvisor && test ! -e /dev/hvisor")
    con.run("insmod /lib/modules/lvisor.ko && test -c /dev/hvisor")
    rc, out = con.run_rc(CHECK)
    assert rc == 0, out
    assert "lvisor: cannot" not in con.run("dmesg")
