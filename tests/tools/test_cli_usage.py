"""The tool's help (exit 0, on stdout), its usage on a bad command line
(exit 2, on stderr), and the errors it gives before touching /dev/hvisor.
Run as `hvisor` it speaks of itself as hvisor."""

import pytest

SYNOPSIS = ["zone start [--dump <out>] <zone.json>", "zone shutdown -id <N>", "zone list"]


@pytest.mark.parametrize("name", ["lvisor", "hvisor"])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(run, name, flag):
    r = run(flag, name=name)
    assert (r.rc, r.err) == (0, "")
    first = r.out.splitlines()[:3]
    assert first == [f"usage: {name} {SYNOPSIS[0]}", f"       {name} {SYNOPSIS[1]}",
                     f"       {name} {SYNOPSIS[2]}"]
    for words in ["--dump <out>", "3184 bytes", "-h, --help", f"`{name} zone <command> --help`",
                  "Exit status: 0 done, 1 failed", "run as `hvisor`"]:
        assert words in r.out
    other = "hvisor" if name == "lvisor" else "lvisor"
    assert f"{other} zone" not in r.out


@pytest.mark.parametrize("cmd,synopsis", [("start", SYNOPSIS[0]), ("shutdown", SYNOPSIS[1]),
                                          ("list", SYNOPSIS[2])])
def test_subcommand_help(run, cmd, synopsis):
    r = run("zone", cmd, "--help")
    assert (r.rc, r.err) == (0, "")
    assert r.out.startswith(f"usage: lvisor {synopsis}\n\n")
    if cmd == "start":
        assert "--dump <out>" in r.out and "HVISOR_CONFIG_CHECK" in r.out
    assert run("zone", cmd, "-h").out == r.out


def test_zone_help_is_the_tools_help(run):
    assert run("zone", "--help").out == run("--help").out


@pytest.mark.parametrize("args,why,topic", [
    ((), "no command given", ""),
    (("bogus",), 'unknown command "bogus"', ""),
    (("virtio",), "virtio: which command? start or stop", ""),
    (("zone",), "zone: which command? start, shutdown or list", " zone"),
    (("zone", "stop"), 'zone: unknown command "stop"', " zone"),
    (("zone", "start"), "zone start: which zone? name its JSON config", " zone start"),
    (("zone", "start", "a.json", "b.json"), "zone start: one zone config at a time (a.json, b.json)",
     " zone start"),
    (("zone", "start", "--dump"), "zone start: --dump needs the file to write", " zone start"),
    (("zone", "start", "-x", "a.json"), "zone start: unknown option -x", " zone start"),
    (("zone", "shutdown"), "zone shutdown: which zone? give -id <N>", " zone shutdown"),
    (("zone", "shutdown", "-id"), "zone shutdown: -id needs a zone id", " zone shutdown"),
    (("zone", "shutdown", "-id", "one"), 'zone shutdown: "one" is not a zone id', " zone shutdown"),
    (("zone", "shutdown", "--id=-1"), 'zone shutdown: "-1" is not a zone id', " zone shutdown"),
    (("zone", "shutdown", "1"), "zone shutdown: unexpected 1", " zone shutdown"),
    (("zone", "list", "-a"), "zone list: unexpected -a", " zone list"),
])
def test_bad_command_lines_exit_2_with_usage(run, args, why, topic):
    r = run(*args)
    assert (r.rc, r.out) == (2, "")
    lines = r.err.splitlines()
    assert lines[0] == f"lvisor: {why}"
    assert lines[1].startswith("usage: lvisor zone ")
    assert lines[-1] == f"(`lvisor{topic} --help` says more)"


def test_root_zone_cannot_be_shut_down(run):
    for args in (["-id", "0"], ["--id", "0"], ["--id=0"]):
        r = run("zone", "shutdown", *args)
        assert (r.rc, r.out, r.err) == (1, "", "lvisor: zone 0 is the root zone: it cannot be shut down\n")


@pytest.mark.parametrize("args", [("zone", "list"), ("zone", "shutdown", "-id", "1"),
                                  ("zone", "start", "zone1.json")])
def test_without_lvisor_the_device_is_missing(run, args):
    # on the host (no lvisor driver) the commands get as far as opening /dev/hvisor
    r = run(*args, name="hvisor")
    assert (r.rc, r.out) == (1, "")
    assert r.err == ("hvisor: cannot open /dev/hvisor: No such file or directory "
                     "(is lvisor's root-zone driver loaded?)\n")
