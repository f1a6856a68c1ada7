# Included by the top-level Makefile. `make emulator` builds (or finds in the
# cache) qemu-system-loongarch64 with lvisor's LVZ series and links it as
# build/bin/qemu-system-loongarch64. build.sh decides whether anything needs
# rebuilding (cache key = hash of the series and the scripts), so the target
# is phony and cheap to run again.
.PHONY: emulator
emulator: | $(SETUP)
	@emulator/build.sh

TEST_DEPS += emulator
