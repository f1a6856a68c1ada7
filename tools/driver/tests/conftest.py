"""The driver's system test boots lvisor's root zone as tests/hypervisor's
do: it takes their fixtures (and the hook that prints the console on a
failure) from tests/, not copies of them."""

import importlib.util
from pathlib import Path

TESTS = Path(__file__).resolve().parents[3] / "tests"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# tests/conftest.py first: it puts tests/ on sys.path for lib.console.
_base = _load("lvisor_tests_conftest", TESTS / "conftest.py")
_hv = _load("lvisor_tests_hypervisor_conftest", TESTS / "hypervisor" / "conftest.py")

repo, build_dir, console = _base.repo, _base.build_dir, _base.console
pytest_runtest_makereport = _base.pytest_runtest_makereport
lvisor, root_linux = _hv.lvisor, _hv.root_linux
