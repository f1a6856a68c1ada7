"""Paths and sizes the CLI tests share: a module of its own, since
"from conftest import" could find another directory's conftest.py."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
CLI = HERE.parents[1] / "build" / "tools" / "lvisor"
# The images the configs load: sizes not a multiple of 4 KiB, so rounding shows.
KERNEL_BYTES = 0x2A01
DTB_BYTES = 0x100
