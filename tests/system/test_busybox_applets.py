"""The zones' busybox, run under qemu-user on the host: the common applets
give exactly the output they should.

Every applet that keeps its state behind ptr_to_globals (awk, top, hush, less,
diff, ed, ...) once crashed as it started, built with clang-19 (see
guests/busybox/busybox.config); the cases below run several of those besides
the everyday text, shell, checksum and file-system applets.
"""

import resource
import struct
import subprocess
import time
from pathlib import Path

import pytest

BUSYBOX = Path(__file__).resolve().parents[2] / "build" / "busybox" / "busybox"


def no_core_dumps():
    # A crashing guest program makes qemu-user dump a core of its own size.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def busybox(*args, stdin="", cwd=None):
    """Runs one applet; returns (stdout, exit status). A crash gives -11."""
    run = subprocess.run(["qemu-loongarch64", str(BUSYBOX), *args], input=stdin, cwd=cwd,
                         capture_output=True, text=True, timeout=60, preexec_fn=no_core_dumps)
    return run.stdout, run.returncode


# (argv, stdin, stdout): each exits with status 0.
EXACT = {
    "awk-field": (["awk", "{print $2}"], "a b c\n", "b\n"),
    "awk-fields-nr": (["awk", "{print NR \": \" $3, $1, NF}"], "1 2 3\n4 5 6 7\n",
                      "1: 3 1 3\n2: 6 4 4\n"),
    "awk-separator": (["awk", "-F:", "-v", "OFS=-", "{print $NF, $1}"], "root:x:0:0\n", "0-root\n"),
    "awk-arithmetic": (["awk", "BEGIN {print 7 * 6, 10 / 4, 2 ^ 10, 17 % 5, int(-3.7), -7 / 2}"], "",
                       "42 2.5 1024 2 -3 -3.5\n"),
    "awk-sum": (["awk", "{s += $1} END {print s, s / NR}"], "1\n2\n3.5\n4.5\n", "11 2.75\n"),
    "awk-printf": (["awk", 'BEGIN {printf "%d|%5.2f|%s|%-3s|%x|%e\\n", 42.9, 3.14159, "str", "ab", 255, 1234.5}'],
                   "", "42| 3.14|str|ab |ff|1.234500e+03\n"),
    "awk-printf-fields": (["awk", '{printf "%s=%d (%.1f%%)\\n", $1, $2, $2 * 100 / $3}'],
                          "cpu 3 8\nmem 1 3\n", "cpu=3 (37.5%)\nmem=1 (33.3%)\n"),
    "awk-strings": (["awk", 'BEGIN {s = "hello world"; n = split(s, w, " "); gsub(/o/, "0", s);'
                     ' print length(w[1]), n, substr(w[2], 2, 3), toupper(w[1]), index(s, "w"), s,'
                     ' sprintf("%03d", 7)}'], "", "5 2 orl HELLO 7 hell0 w0rld 007\n"),
    "awk-arrays": (["awk", "{n[$1]++} END {print n[\"a\"], n[\"b\"], (\"c\" in n)}"], "a\nb\na\n", "2 1 0\n"),
    "awk-regex": (["awk", "/^x/ && $2 > 1 {print $2}"], "x 1\nx 2\ny 3\nx 4\n", "2\n4\n"),
    "sed-substitute": (["sed", "s/o/0/g; s/^/> /"], "foo boo\n", "> f00 b00\n"),
    "sed-lines": (["sed", "-n", "2,3p"], "1\n2\n3\n4\n", "2\n3\n"),
    "sed-delete": (["sed", "/b/d"], "a\nb\nc\n", "a\nc\n"),
    "sort": (["sort"], "b\nc\na\n", "a\nb\nc\n"),
    "sort-n": (["sort", "-n"], "10\n9\n100\n-1\n", "-1\n9\n10\n100\n"),
    "sort-r": (["sort", "-r"], "b\nc\na\n", "c\nb\na\n"),
    "sort-nr-key": (["sort", "-k2", "-nr"], "a 2\nb 10\nc 1\n", "b 10\na 2\nc 1\n"),
    "uniq": (["uniq"], "a\na\nb\na\n", "a\nb\na\n"),
    "uniq-c": (["uniq", "-c"], "a\na\nb\n", "      2 a\n      1 b\n"),
    "wc": (["wc"], "one two\nthree\n", "        2         3        14\n"),
    "wc-l": (["wc", "-l"], "one two\nthree\n", "2\n"),
    "cut-fields": (["cut", "-d:", "-f1,3"], "a:b:c:d\n", "a:c\n"),
    "cut-chars": (["cut", "-c2-4"], "abcdef\n", "bcd\n"),
    "tr-upper": (["tr", "a-z", "A-Z"], "Hello\n", "HELLO\n"),
    "tr-delete": (["tr", "-d", "x"], "axbxc\n", "abc\n"),
    "tr-squeeze": (["tr", "-s", "a"], "aaab\n", "ab\n"),
    "grep": (["grep", "b"], "abc\nxyz\nb\n", "abc\nb\n"),
    "grep-v-i": (["grep", "-v", "-i", "B"], "abc\nxyz\nb\n", "xyz\n"),
    "grep-c-E": (["grep", "-c", "-E", "^(a|x)"], "abc\nxyz\nb\n", "2\n"),
    "head": (["head", "-n", "2"], "1\n2\n3\n", "1\n2\n"),
    "tail": (["tail", "-n", "2"], "1\n2\n3\n", "2\n3\n"),
    "tail-c": (["tail", "-c", "3"], "abcdef", "def"),
    "expr": (["expr", "6", "*", "7"], "", "42\n"),
    "expr-compare": (["expr", "10", ">", "9"], "", "1\n"),
    "expr-length": (["expr", "length", "hello"], "", "5\n"),
    "seq": (["seq", "3"], "", "1\n2\n3\n"),
    "seq-step": (["seq", "-s,", "2", "3", "11"], "", "2,5,8,11\n"),
    "md5sum": (["md5sum"], "hello", "5d41402abc4b2a76b9719d911017c592  -\n"),
    "sha256sum": (["sha256sum"], "hello",
                  "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824  -\n"),
    "printf": (["printf", "%d %s %05.1f %x %c|%-4s|\\n", "42", "hi", "3.14159", "255", "xyz", "ab"], "",
               "42 hi 003.1 ff x|ab  |\n"),
    "hush": (["hush", "-c", "x=6; echo $((x * 7)) ${x}x"], "", "42 6x\n"),
    "sh": (["sh", "-c", "for i in 1 2; do echo $i; done | wc -l"], "", "2\n"),
}


@pytest.mark.parametrize("name", EXACT)
def test_applet_output(name):
    argv, stdin, stdout = EXACT[name]
    assert busybox(*argv, stdin=stdin) == (stdout, 0)


def test_expr_false_exits_1():
    assert busybox("expr", "2", "-", "2") == ("0\n", 1)


def test_date_seconds_is_now():
    out, status = busybox("date", "+%s")
    assert status == 0 and out.strip().isdigit(), out
    assert abs(int(out) - time.time()) < 120


def test_top_batch_prints_its_header():
    # Under qemu-user top reads the host's /proc.
    out, status = busybox("top", "-bn1")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("Mem: ") and "used" in lines[0] and "free" in lines[0], lines[:3]
    assert lines[1].startswith("CPU: ") and "idle" in lines[1], lines[:3]
    assert lines[2].startswith("Load average: "), lines[:3]
    assert lines[3].split()[:2] == ["PID", "PPID"], lines[:4]


@pytest.mark.parametrize("applet, usage", [
    ("nc", "Usage: nc [OPTIONS] HOST PORT"),
    ("microcom", "Usage: microcom [-d DELAY_MS]"),
])
def test_help_prints_usage(applet, usage):
    run = subprocess.run(["qemu-loongarch64", str(BUSYBOX), applet, "--help"], capture_output=True,
                         text=True, timeout=60, preexec_fn=no_core_dumps)
    assert run.returncode == 0
    assert any(line.startswith(usage) for line in run.stderr.splitlines()), run.stderr


def test_diff_unified(tmp_path):
    (tmp_path / "a").write_text("1\n2\n3\n")
    (tmp_path / "b").write_text("1\ntwo\n3\n")
    out, status = busybox("diff", "-U0", "a", "b", cwd=tmp_path)
    assert status == 1
    assert out.splitlines()[2:] == ["@@ -2 +2 @@", "-2", "+two"]


def test_ed_and_less_read_a_file(tmp_path):
    (tmp_path / "f").write_text("a\nb\n")
    # ed prints the file's size, then the line asked for.
    assert busybox("ed", "f", stdin="2p\nq\n", cwd=tmp_path) == ("4\nb\n", 0)
    # With stdout not a terminal less copies its input.
    assert busybox("less", "f", cwd=tmp_path) == ("a\nb\n", 0)


def test_mke2fs_writes_an_ext2_superblock(tmp_path):
    image = tmp_path / "fs.img"
    image.write_bytes(bytes(1 << 20))
    out, status = busybox("mke2fs", "-F", "-L", "zone", str(image))
    assert status == 0, out
    data = image.read_bytes()
    # The superblock is at 1024: block count at +4, log2(block size) - 10 at
    # +24, the magic 0xEF53 at +56, the volume name at +120.
    blocks, = struct.unpack_from("<I", data, 1024 + 4)
    log_block, = struct.unpack_from("<I", data, 1024 + 24)
    assert data[1080:1082] == b"\x53\xef"
    assert blocks * (1024 << log_block) == len(data)
    assert data[1024 + 120:1024 + 136].rstrip(b"\0") == b"zone"
