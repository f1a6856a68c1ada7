#!/bin/bash
# toolchain/build.sh: everything needed to compile loongarch64 user programs
# (UAPI headers, musl, compiler-rt), then build/bin/loongarch64-linux-musl-cc.
set -euo pipefail
. "$(dirname "$0")/../scripts/lib.sh"

"$LVISOR_ROOT/toolchain/build-compiler-rt.sh"
mkdir -p "$LVISOR_BUILD/bin"
ln -sfn "$LVISOR_ROOT/toolchain/loongarch64-linux-musl-cc" "$LVISOR_BUILD/bin/loongarch64-linux-musl-cc"
