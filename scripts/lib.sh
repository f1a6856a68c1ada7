# Shared helpers for lvisor's build scripts: messages, timing, cache location.
LVISOR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Long builds live outside the clone so that CI and a second checkout reuse them.
LVISOR_CACHE="${LVISOR_CACHE:-/var/cache/lvisor}"

step() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'lvisor: %s\n' "$*" >&2; exit 1; }

# timed NAME CMD...: runs CMD, reports its duration.
timed() {
    local name="$1" t0=$SECONDS; shift
    step "$name"
    "$@"
    local rc=$?
    printf '    %s: %ds\n' "$name" $((SECONDS - t0)) >&2
    return $rc
}

need_root_and_apt() {
    [ "$(id -u)" = 0 ] || die "set-up must run as root (it installs Debian packages); run it again with sudo or as root."
    command -v apt-get >/dev/null || die "no apt-get: lvisor's set-up needs a Debian 12 machine."
    local free_kb
    mkdir -p "$LVISOR_CACHE"
    free_kb=$(df -Pk "$LVISOR_CACHE" | awk 'NR==2 {print $4}')
    [ "$free_kb" -gt $((15 * 1024 * 1024)) ] || die "less than 15 GiB free under $LVISOR_CACHE: free some disk space or set LVISOR_CACHE to a larger disk."
}
