#!/bin/bash
# Work on the LVZ series as git commits instead of patch files.
#
#   emulator/edit.sh checkout  unpack the pristine source into the edit tree,
#                              commit it (tag "pristine"), `git am` the series,
#                              configure a build directory b/ in it
#   emulator/edit.sh build     incremental build in the edit tree (ninja -j2)
#   emulator/edit.sh export    write pristine..HEAD back to emulator/patches/
#                              (one file per commit, stable names, no dates)
#
# The edit tree is $LVISOR_EDIT (default $LVISOR_CACHE/qemu-edit). Edit, commit
# (or `git commit --fixup` + `git rebase -i --autosquash pristine`), export,
# then `git add emulator` in the clone. build.sh never reads the edit tree.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../scripts/lib.sh"
. "$here/qemu-source.sh"

tree="${LVISOR_EDIT:-$LVISOR_CACHE/qemu-edit}"
git_id=(-c user.name=lvisor -c user.email=lvisor@localhost)

cmd_checkout() {
    if [ -e "$tree" ] && [ "${1:-}" != "--force" ]; then
        die "$tree exists; export your work first, then run: $0 checkout --force"
    fi
    rm -rf "$tree"
    qemu_fetch_source
    timed "unpack pristine QEMU into $tree" qemu_unpack "$tree"
    (
        cd "$tree"
        git init -q -b lvz .
        git add -A . >/dev/null
        git "${git_id[@]}" commit -q -m "Debian qemu $QEMU_DEB_VERSION (debian/patches applied)"
        git tag pristine
        git config user.name lvisor
        git config user.email lvisor@localhost
        if ls "$here"/patches/*.patch >/dev/null 2>&1; then
            git am -q "$here"/patches/*.patch || die "git am failed in $tree (see git am --show-current-patch)"
        fi
    )
    configure_tree() {
        mkdir -p "$tree/b"
        (cd "$tree/b" && ../configure "${QEMU_CONFIGURE_FLAGS[@]}") >"$tree/b/configure.out" 2>&1 \
            || die "configure failed; log: $tree/b/configure.out"
    }
    timed "configure $tree/b" configure_tree
    step "edit tree ready: $tree ($(git -C "$tree" rev-list --count pristine..HEAD) patches applied)"
}

cmd_build() {
    [ -d "$tree/b" ] || die "no edit tree at $tree; run: $0 checkout"
    timed "ninja in $tree/b" ninja -C "$tree/b" -j"${LVISOR_JOBS:-2}" qemu-system-loongarch64
    echo "$tree/b/qemu-system-loongarch64"
}

cmd_export() {
    [ -d "$tree/.git" ] || die "no edit tree at $tree"
    git -C "$tree" diff --quiet HEAD || die "$tree has uncommitted changes; commit them first"
    local tmp
    tmp=$(mktemp -d)
    git -C "$tree" format-patch -q --no-signature --zero-commit --no-numbered \
        --full-index --abbrev=12 -o "$tmp" pristine..HEAD
    # Fixed dates so that re-exporting an unchanged series changes no file.
    sed -i 's/^Date: .*/Date: Thu, 1 Jan 2026 00:00:00 +0000/' "$tmp"/*.patch
    rm -f "$here"/patches/*.patch
    mkdir -p "$here/patches"
    mv "$tmp"/*.patch "$here/patches/"
    rmdir "$tmp"
    step "exported $(ls "$here"/patches/*.patch | wc -l) patches to emulator/patches/"
}

case "${1:-}" in
    checkout) shift; cmd_checkout "$@" ;;
    build) cmd_build ;;
    export) cmd_export ;;
    *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
