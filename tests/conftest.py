"""Fixtures shared by every pytest suite of lvisor.

`console(argv)` starts a command on a pexpect console (see lib/console.py) and
stops it after the test; when a test fails, the last screenful of each of its
consoles is printed with the failure, and the full transcript stays in
build/test-logs/.
"""

import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib.console import SCREEN_LINES, Console  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build"
LOG_DIR = BUILD / "test-logs"


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def build_dir():
    return BUILD


@pytest.fixture(scope="session")
def la_cc():
    """The static loongarch64 Linux C compiler (musl sysroot, clang-19)."""
    return BUILD / "bin" / "loongarch64-linux-musl-cc"


@pytest.fixture
def console(request):
    """Factory: console(argv, cwd=None, env=None) -> Console, closed after the test."""
    started = []
    LOG_DIR.mkdir(parents=True, exist_ok=True)

    def start(argv, cwd=None, env=None):
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        if started:
            name += f"-{len(started)}"
        con = Console(argv, log_path=LOG_DIR / f"{name}.log", cwd=cwd or REPO, env=env)
        started.append(con)
        return con

    request.node.lvisor_consoles = started
    yield start
    for con in started:
        con.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    consoles = getattr(item, "lvisor_consoles", [])
    if report.failed and call.when == "call":
        for con in consoles:
            report.sections.append(
                (f"console of {os.path.basename(con.argv[0])}, last {SCREEN_LINES} lines "
                 f"(full log: {con.log_path})", con.screen()))
