"""lvisor's per-vCPU counters (struct vcpu in hypervisor/core/vcpu.h), read
from outside through QEMU's monitor so that reading costs the guest nothing.

The address of `vcpus[]` comes from lvisor.elf's symbol table and the field
offsets from its debug info, so the benches follow the struct as it changes.
Counters: "all" (exits), "idle" (guest idle waits), "refills" (stage-2 TLB
refills, not exits) and each ESTAT.Ecode in `causes`."""
import os
import re
import subprocess

from qmp import qmp

# The board whose lvisor.elf the benches boot: its CPU maximum sizes vcpus[].
PLATFORM_MK = "hypervisor/platform/qemu-virt/platform.mk"


class VcpuCounters:
    def __init__(self, elf, repo, causes):
        self.elf = elf
        nm = subprocess.run(["llvm-nm-19", "-S", elf], capture_output=True, text=True,
                            check=True).stdout
        addr, size = next((int(a, 16), int(s, 16)) for a, s, _, n in
                          (l.split() for l in nm.splitlines() if len(l.split()) == 4)
                          if n == "vcpus")
        self.phys = addr & ((1 << 48) - 1)  # DMW window -> physical address
        mk = open(os.path.join(repo, PLATFORM_MK)).read()
        self.stride = size // int(re.search(r"^MAX_CPUS := (\d+)", mk, re.M).group(1))
        self.fields = {"all": self._member("exits"), "idle": self._member("idle_exits"),
                       "refills": self._member("tlb_refills")}
        off_causes = self._member("exit_causes")
        for c in causes:
            self.fields[c] = off_causes + 8 * c

    def _member(self, name):
        out = subprocess.run(["llvm-dwarfdump-19", f"--name={name}", self.elf],
                             capture_output=True, text=True, check=True).stdout
        return int(re.search(r"DW_AT_data_member_location\s+\((0x[0-9a-f]+)\)", out).group(1), 16)

    def read(self, sock, ncpu):
        """One snapshot per CPU ({field: value}), in one QMP session (a few ms)."""
        cmds, keys = [], []
        for i in range(ncpu):
            for key, off in self.fields.items():
                pa = self.phys + i * self.stride + off
                cmds.append({"execute": "human-monitor-command",
                             "arguments": {"command-line": f"xp /1gx {pa:#x}"}})
                keys.append((i, key))
        snap = [dict() for _ in range(ncpu)]
        for (i, key), line in zip(keys, qmp(sock, cmds)):
            snap[i][key] = int(line.split(":")[1].split()[0], 16)
        return snap
