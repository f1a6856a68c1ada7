"""Rules of the source tree that a reviewer would otherwise check by eye:
core code names no architecture and no board (it reaches them only through
core/arch.h's hooks, <arch/...> and struct platform), and the C of
hypervisor/ and tools/ is in the project's clang-format style."""

import re
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# An include that names an architecture or a board directory.
FORBIDDEN = re.compile(r'#\s*include\s*[<"][^>"]*(arch/loongarch64|loongarch/|platform/)')


def core_violations(core_dir):
    bad = []
    for f in sorted(core_dir.rglob("*")):
        if f.suffix not in (".c", ".h", ".S"):
            continue
        for n, line in enumerate(f.read_text().splitlines(), 1):
            if FORBIDDEN.search(line):
                bad.append(f"{f.relative_to(core_dir)}:{n}: {line.strip()}")
    return bad


def test_core_includes_no_arch_or_board_path():
    assert core_violations(REPO / "hypervisor" / "core") == []


def test_the_layering_check_sees_a_violation(tmp_path):
    # the check itself must be able to fail
    (tmp_path / "x.c").write_text('#include "arch/loongarch64/csr.h"\n#include <arch/mm.h>\n')
    (tmp_path / "y.h").write_text('#include "platform/qemu-virt/board.h"\n')
    found = core_violations(tmp_path)
    assert len(found) == 2, found


def c_sources():
    out = subprocess.run(["git", "ls-files", "hypervisor", "tools"], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout.split()
    return [f for f in out if f.endswith((".c", ".h"))]


def test_c_sources_are_clang_formatted():
    fmt = shutil.which("clang-format-19")
    assert fmt, "clang-format-19 missing (scripts/setup-host.sh installs it)"
    files = c_sources()
    assert files
    r = subprocess.run([fmt, "--dry-run", "--Werror", *files], cwd=REPO,
                       capture_output=True, text=True)
    assert r.returncode == 0, "not in .clang-format style (fix: clang-format-19 -i FILE):\n" + \
        r.stderr[:3000]
