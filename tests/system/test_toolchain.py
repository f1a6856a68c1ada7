"""The musl cross compiler makes static loongarch64 programs in one command,
and they run under qemu-user."""

import subprocess

HELLO = r"""
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    /* long double is IEEE binary128 on loongarch64: compiler-rt does the maths. */
    volatile long double third = 1.0L / atoi(argv[1]);
    volatile __int128 big = (__int128)1 << 100;
    printf("hello from loongarch64: %.30Lf %d\n", third, (int)(big / 3 % 1000));
    return 7;
}
"""


def test_static_hello_runs_under_qemu_user(la_cc, tmp_path):
    (tmp_path / "hello.c").write_text(HELLO)
    subprocess.run([la_cc, "-O2", "-o", "hello", "hello.c"], cwd=tmp_path, check=True)

    kind = subprocess.run(["file", "-b", "hello"], cwd=tmp_path, check=True,
                          capture_output=True, text=True).stdout
    assert "LoongArch" in kind and "statically linked" in kind

    run = subprocess.run(["qemu-loongarch64", "./hello", "3"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    # binary128 keeps 33 significant digits, far more than a double's 17.
    assert run.stdout == "hello from loongarch64: 0.333333333333333333333333333333 125\n"
    assert run.returncode == 7


def test_busybox_is_a_static_loongarch64_binary(build_dir):
    busybox = build_dir / "busybox" / "busybox"
    kind = subprocess.run(["file", "-b", busybox], check=True, capture_output=True, text=True).stdout
    assert "LoongArch" in kind and "statically linked" in kind
    run = subprocess.run(["qemu-loongarch64", busybox, "sh", "-c", "echo $((6 * 7))"],
                         capture_output=True, text=True, timeout=60)
    assert run.stdout == "42\n"
