"""tests/unit runs every part's cmocka tests and fails when one of them fails."""

import subprocess

PASSING = r"""
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

static void adds(void **state) { (void)state; assert_int_equal(2 + 2, 4); }

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(adds) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
"""


def test_failing_unit_test_fails_the_run_and_is_named(repo, tmp_path):
    part = tmp_path / "demo"
    part.mkdir()
    (part / "test_ok.c").write_text(PASSING)
    (part / "test_bad.c").write_text(PASSING.replace("2 + 2, 4", "2 + 2, 5"))
    (part / "Makefile").write_text(
        f"UNIT_TESTS := test_ok test_bad\ninclude {repo}/tests/unit/cmocka.mk\n")

    run = subprocess.run(["make", "-C", repo / "tests/unit", "check", f"SUBDIRS={part}",
                          f"UNIT_OUT={tmp_path}/out"],
                         capture_output=True, text=True, timeout=300)
    out = run.stdout + run.stderr
    assert run.returncode != 0, out
    assert "[  PASSED  ] 1 test(s)." in out          # test_ok ran and passed
    assert "failed: test_bad" in out
    assert f"unit tests failed in: {part}" in out
