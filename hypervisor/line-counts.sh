#!/bin/bash
# Lines of lvisor's source per part (C, assembly, headers, linker scripts,
# make fragments, device trees), as docs/architecture.md quotes them.
set -euo pipefail
cd "$(dirname "$0")"
for d in core arch platform drivers lib boot; do
    n=$(find "$d" -type f \( -name '*.[chS]' -o -name '*.ld' -o -name '*.mk' -o -name '*.dts' \) -print0 |
        xargs -0 cat | wc -l)
    printf '%-9s %5d\n' "$d" "$n"
done
