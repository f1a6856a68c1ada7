# Pinned versions of everything lvisor builds from Debian sources.
# Changing one changes the cache key of every build that uses it.
LINUX_SOURCE_PKG=linux-source-6.12          # binary package with /usr/src/linux-source-6.12.tar.xz
MUSL_DEB_VERSION=1.2.5-3.1~deb13u1
BUSYBOX_DEB_VERSION=1:1.37.0-6
E2FSPROGS_DEB_VERSION=1.47.2-3              # trixie e2fsprogs: mke2fs and e2fsck for the zones
CJSON_DEB_VERSION=1.7.18-3.1+deb13u1       # trixie cjson: the CLI's JSON parser
LLVM_DEB_VERSION=1:19.1.7-3
QEMU_DEB_VERSION=1:10.0.13+ds-0+deb13u1
EDK2_LOONGARCH_DEB_VERSION=2025.02-8+deb13u1   # trixie qemu-efi-loongarch64 (binary, all): QEMU_EFI.fd for UEFI boot
LLVM_SUFFIX=-19                             # clang-19, ld.lld-19, llvm-ar-19 ...
