#!/bin/bash
# tests/kvm/build-kernel.sh: the zone kernel plus tests/kvm/kvm.config (KVM
# built in), cached as $LVISOR_CACHE/linux-kvm-<hash of the inputs> and linked
# at $LVISOR_BUILD/linux-kvm. Same recipe as guests/linux/build.sh, which takes
# no extra fragments, so the few lines are repeated here.
set -euo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

src=$("$LVISOR_ROOT/scripts/linux-source.sh")
fragments=("$LVISOR_ROOT"/guests/linux/*.config "$LVISOR_ROOT/tests/kvm/kvm.config")
kmake=(make -C "$src" ARCH=loongarch LLVM="$LLVM_SUFFIX" -j"$JOBS")

build() {
    local out="$1"
    cd "$src"
    ARCH=loongarch LLVM="$LLVM_SUFFIX" scripts/kconfig/merge_config.sh -n -O "$out" "${fragments[@]}" >"$out/merge.log"
    # A requested value that Kconfig dropped (e.g. KVM without an LVZ-capable
    # assembler) must fail the build, not produce a kernel without /dev/kvm.
    if ! awk '/^Requested value:/ { req = $0 }
              /^Actual value:/ { if (req ~ /=/ || NF > 2) { print req; print; bad = 1 } }
              END { exit bad }' "$out/merge.log"; then
        echo "a kernel fragment asks for a value Kconfig rejected; details in $out/merge.log"
        return 1
    fi
    "${kmake[@]}" O="$out" vmlinux
}

cached_build linux-kvm "$LVISOR_BUILD/linux-kvm" build "$(basename "$src")" "${fragments[@]}"
