# Shared helpers for lvisor's build scripts: messages, timing, cache location.
LVISOR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Long builds live outside the clone so that CI and a second checkout reuse them.
LVISOR_CACHE="${LVISOR_CACHE:-/var/cache/lvisor}"
LVISOR_BUILD="$LVISOR_ROOT/build"
. "$LVISOR_ROOT/scripts/versions.sh"

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

# logged LOG CMD...: runs CMD with its output appended to LOG.
logged() { local log="$1"; shift; "$@" >>"$log" 2>&1; }

need_root_and_apt() {
    [ "$(id -u)" = 0 ] || die "set-up must run as root (it installs Debian packages); run it again with sudo or as root."
    command -v apt-get >/dev/null || die "no apt-get: lvisor's set-up needs a Debian 12 machine."
    local free_kb
    mkdir -p "$LVISOR_CACHE" || die "cannot create $LVISOR_CACHE: set LVISOR_CACHE to a writable directory."
    free_kb=$(df -Pk "$LVISOR_CACHE" | awk 'NR==2 {print $4}')
    [ "$free_kb" -gt $((15 * 1024 * 1024)) ] || die "less than 15 GiB free under $LVISOR_CACHE: free some disk space or set LVISOR_CACHE to a larger disk."
}

# input_hash INPUT...: a short hash of the inputs of a build. A file
# contributes its name and contents, a directory the names and contents of its
# files, anything else its text (versions, names of other cached builds).
input_hash() {
    local i
    for i in "$@"; do
        if [ -d "$i" ]; then
            (cd "$i" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
        elif [ -f "$i" ]; then
            printf '%s ' "${i##*/}"; sha256sum < "$i"
        else
            printf '%s\n' "$i"
        fi
    done | sha256sum | cut -c1-16
}

# progress NAME LOG: every 30 s, how long NAME has run and its latest log line.
progress() {
    local t0=$SECONDS
    while sleep 30; do
        printf '    %s: %ds, %s\n' "$1" $((SECONDS - t0)) "$(tail -n 1 "$2" | cut -c1-100)" >&2
    done
}

# cached_build NAME LINK FUNC INPUT...: makes $LVISOR_CACHE/NAME-<hash of
# INPUTs> by running "FUNC OUTDIR" (output to a log) unless it is already
# complete, then points LINK at it. The calling build script and the clang
# version are always inputs. A lock lets two clones (or a developer and CI)
# share one build. A failed build names the component and its log.
cached_build() {
    local name="$1" link="$2" fn="$3"; shift 3
    local key out log lock t0=$SECONDS
    key=$(input_hash "$(realpath "$0")" "$("$CLANG" --version | head -n 1)" "$@")
    out="$LVISOR_CACHE/$name-$key"
    mkdir -p "$LVISOR_CACHE/logs" "$LVISOR_CACHE/locks"
    exec {lock}>"$LVISOR_CACHE/locks/$name-$key"
    if ! flock -n "$lock"; then
        step "waiting for another build of $name to finish"
        flock "$lock"
    fi
    if [ ! -f "$out/.complete" ]; then
        log="$LVISOR_CACHE/logs/$name-$key.log"
        rm -rf "$out" && mkdir -p "$out"
        step "building $name (log: $log)"
        # Without the lock: the ticker's last sleep outlives the build, and
        # would hold the lock for up to 30 s after it.
        progress "$name" "$log" {lock}>&- &
        local ticker=$! rc=0 errexit=0
        # not `|| rc=$?`: inside a || list bash ignores set -e, so a step failing
        # half-way would go unnoticed and the entry be marked complete
        [[ $- == *e* ]] && errexit=1
        set +e
        (set -e; "$fn" "$out") >"$log" 2>&1
        rc=$?
        [ $errexit -eq 0 ] || set -e
        kill "$ticker" 2>/dev/null; wait "$ticker" 2>/dev/null || true
        if [ $rc -ne 0 ]; then
            tail -n 25 "$log" >&2
            die "building $name failed; full log: $log"
        fi
        touch "$out/.complete"
        printf '    %s: built in %ds\n' "$name" $((SECONDS - t0)) >&2
    fi
    exec {lock}>&-
    mkdir -p "$(dirname "$link")"
    ln -sfn "$out" "$link"
}

# Cross compilation with clang-19 for loongarch64 user space.
LA_TARGET=loongarch64-linux-musl
CLANG="clang$LLVM_SUFFIX"
JOBS="${LVISOR_JOBS:-2}"
