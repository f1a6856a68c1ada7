"""What set-up and builds say when they cannot go on: one sentence naming the
problem and what to do, or the component that failed and where its log is."""

import subprocess


def run(argv, repo, env=None):
    return subprocess.run(argv, cwd=repo, capture_output=True, text=True, timeout=120,
                          env=env)


def test_setup_as_non_root_says_to_run_as_root(repo):
    res = run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
               "bash", "scripts/setup-host.sh"], repo)
    assert res.returncode != 0
    assert res.stderr.strip().splitlines() == [
        "lvisor: set-up must run as root (it installs Debian packages); "
        "run it again with sudo or as root."]


def test_setup_on_a_full_disk_says_to_free_space(repo, tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small], check=True)
    try:
        res = run(["bash", "scripts/setup-host.sh"], repo,
                  env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LVISOR_CACHE": str(small)})
    finally:
        subprocess.run(["umount", small], check=True)
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "less than 15 GiB free" in lines[0] and "free some disk space" in lines[0]


def test_failed_download_names_the_package_and_its_log(repo, tmp_path):
    res = run(["bash", "scripts/fetch-source.sh", "no-such-package-lvisor", "1.0-1"], repo,
              env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LVISOR_CACHE": str(tmp_path)})
    assert res.returncode != 0
    log = tmp_path / "logs" / "fetch-no-such-package-lvisor.log"
    assert f"downloading source no-such-package-lvisor 1.0-1 failed" in res.stderr
    assert f"log: {log}" in res.stderr
    assert log.read_text()


def test_failed_build_names_the_component_and_its_log(repo, tmp_path):
    script = tmp_path / "build-demo.sh"
    script.write_text(f". {repo}/scripts/lib.sh\n"
                      "broken() { echo 'demo.c:1: error: expected ;'; return 1; }\n"
                      "cached_build demo \"$LVISOR_CACHE/demo-link\" broken v1\n")
    res = run(["bash", script], repo,
              env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LVISOR_CACHE": str(tmp_path)})
    assert res.returncode != 0
    last = res.stderr.strip().splitlines()[-1]
    assert last.startswith(f"lvisor: building demo failed; full log: {tmp_path}/logs/demo-")
    assert "demo.c:1: error: expected ;" in res.stderr     # the log's tail is shown
    assert not (tmp_path / "demo-link").exists()
