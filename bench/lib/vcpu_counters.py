"""lvisor's per-vCPU counters (its struct vcpu), read from outside through
QEMU's monitor so that reading costs the guest nothing.

The address of `vcpus[]` comes from lvisor.elf's symbol table, the size of
struct vcpu and its field offsets from its debug info, so the benches follow
the struct as it changes and read none of lvisor's headers.
Counters: "all" (exits), "idle" (guest idle waits), "refills" (stage-2 TLB
refills, not exits) and each ESTAT.Ecode in `causes`."""
import re
import subprocess

from qmp import qmp


class VcpuCounters:
    def __init__(self, elf, causes):
        self.elf = elf
        nm = subprocess.run(["llvm-nm-19", "-S", elf], capture_output=True, text=True,
                            check=True).stdout
        addr, size = next((int(a, 16), int(s, 16)) for a, s, _, n in
                          (l.split() for l in nm.splitlines() if len(l.split()) == 4)
                          if n == "vcpus")
        self.phys = addr & ((1 << 48) - 1)  # DMW window -> physical address
        self.stride = self._dwarf("vcpu", r"DW_TAG_structure_type\s+DW_AT_name\s+\(\"vcpu\"\)\s+"
                                  r"DW_AT_byte_size\s+\((0x[0-9a-f]+)\)")
        assert size % self.stride == 0, "vcpus[] is not an array of struct vcpu"
        self.fields = {"all": self._member("exits"), "idle": self._member("idle_exits"),
                       "refills": self._member("tlb_refills")}
        off_causes = self._member("exit_causes")
        for c in causes:
            self.fields[c] = off_causes + 8 * c

    def _dwarf(self, name, pattern):
        out = subprocess.run(["llvm-dwarfdump-19", f"--name={name}", self.elf],
                             capture_output=True, text=True, check=True).stdout
        return int(re.search(pattern, out).group(1), 16)

    def _member(self, name):
        return self._dwarf(name, r"DW_AT_data_member_location\s+\((0x[0-9a-f]+)\)")

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
