"""LVISOR_TIMEOUT_SCALE stretches every timeout a test gives the console
(tests/lib/console.py), as README says: checked on host commands, in seconds."""

import os
import subprocess
import sys

import pytest

from lib import console
from lib.console import Console, ConsoleError


@pytest.fixture
def host(console):
    """Factory: host(script) -> Console running `sh -c script` on this machine."""
    return lambda script: console(["sh", "-c", script])


def test_scale_comes_from_the_environment(repo):
    out = subprocess.run(
        [sys.executable, "-c", "from lib.console import scaled; print(scaled(10))"],
        cwd=repo / "tests", capture_output=True, text=True, check=True,
        env={**os.environ, "LVISOR_TIMEOUT_SCALE": "2.5"})
    assert out.stdout.strip() == "25.0"


def test_expect_waits_the_scaled_time(host, monkeypatch):
    monkeypatch.setattr(console, "SCALE", 4)
    # 2 s of silence: more than the 1 s asked for, less than 4 x 1 s
    host("sleep 2; echo late").expect("late", timeout=1)


def test_expect_gives_up_at_the_scaled_time(host, monkeypatch):
    monkeypatch.setattr(console, "SCALE", 1)
    with pytest.raises(ConsoleError, match=r"timed out after 1s \(1s x LVISOR_TIMEOUT_SCALE 1\)"):
        host("sleep 3; echo late").expect("late", timeout=1)


def test_run_and_wait_exit_wait_the_scaled_time(host, monkeypatch):
    monkeypatch.setattr(console, "SCALE", 4)
    con = host("PS1='$ ' exec sh -i")
    con.shell(timeout=5)
    assert con.run("sleep 2; echo ran", timeout=1) == "ran"
    con.sendline("sleep 2; exit 3")
    assert con.wait_exit(timeout=1) == 3


def test_default_timeouts_are_scaled_too(monkeypatch):
    monkeypatch.setattr(console, "SCALE", 3)
    con = Console(["true"])
    try:
        assert con.child.timeout == 3 * console.COMMAND_TIMEOUT
    finally:
        con.close()
