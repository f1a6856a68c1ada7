/* CPUCFG2 LVZ bits and the LVZ root CSRs with their writable masks (lvz.md Registers, A3, A6, A7, A8.10-11). */
#include "lvz.h"

#define GCFG_CAPS 0xf5547UL        /* GCIP[19:16] TORUP TOPP TOEP TITP SITP MATP[2:0] */
#define GCFG_CTRL_UNSUP 0x30aa80UL /* GCI[21:20] TORU TOP TOE TIT SIT */

/* Root tlbfill of one 2-page entry of size ps at va (GID 0); TLBIDX.Index tlbsrch finds, or -1. */
static long fill_and_find(u64 va, int ps)
{
    u64 gtlbc = csrxchg(CSR_GTLBC, 0, GTLBC_USETGID);
    csrwr(CSR_TLBEHI, va);
    csrwr(CSR_TLBELO0, TLBELO_V | TLBELO_MAT_CC);
    csrwr(CSR_TLBELO1, TLBELO_V | TLBELO_MAT_CC);
    csrwr(CSR_TLBIDX, (u64)ps << 24);
    tlbfill();
    csrwr(CSR_TLBEHI, va);
    tlbsrch();
    u64 idx = csrrd(CSR_TLBIDX);
    csrwr(CSR_GTLBC, gtlbc);
    return (idx >> 31) & 1 ? -1 : (long)(idx & 0xfff);
}

/* STLBPS (emulator semantics.md): stored with LVZ on; entries of that size go to the STLB. */
static void stlbps_tests(void)
{
    csrwr(CSR_STLBPS, 14);
    CHECK_EQ("stlbps_write_stored", csrrd(CSR_STLBPS), 14);
    csrwr(CSR_STLBPS, 5); /* below the smallest page size PRCFG2 offers */
    CHECK_EQ("stlbps_unsupported_size_ignored", csrrd(CSR_STLBPS), 14);
    invtlb(0x0, 0, 0);
    long i = fill_and_find(0x40000000UL, 14);
    CHECK_TRUE("stlbps_sized_entry_in_stlb", i >= 0 && i < 2048, i);
    i = fill_and_find(0x40100000UL, 12);
    CHECK_TRUE("other_size_entry_in_mtlb", i >= 2048 && i < 2112, i);
    invtlb(0x0, 0, 0);
    csrwr(CSR_STLBPS, 12);
    CHECK_EQ("stlbps_back_to_4k", csrrd(CSR_STLBPS), 12);
}

void tests(void)
{
    stlbps_tests();
    u32 c2 = cpucfg(2);
    CHECK_EQ("cpucfg2_lvzp", (c2 >> 10) & 1, 1);
    CHECK_EQ("cpucfg2_lvzver_1", (c2 >> 11) & 7, 1);

    /* GSTAT: GID[23:16] rw (GIDBIT = 8), GIDBIT ro, PVM rw, VM ro (0 in root) */
    csrwr(CSR_GSTAT, ~0UL);
    u64 v = csrrd(CSR_GSTAT);
    CHECK_EQ("gstat_gidbit_8", (v >> 4) & 0x3f, 8);
    CHECK_EQ("gstat_gid_writable", (v >> 16) & 0xff, 0xff);
    CHECK_EQ("gstat_pvm_writable", v & GSTAT_PVM, GSTAT_PVM);
    CHECK_EQ("gstat_vm_zero_in_root", v & GSTAT_VM, 0);
    CHECK_EQ("gstat_reserved_zero", v & ~0xff03f3UL, 0);
    csrwr(CSR_GSTAT, 0);
    CHECK_EQ("gstat_write_zero_keeps_gidbit", csrrd(CSR_GSTAT), 8 << 4);

    /* GTLBC: TGID[23:16], TOTI[13], USETGID[12], GMTLBSZ[5:0] all stored */
    csrwr(CSR_GTLBC, ~0UL);
    v = csrrd(CSR_GTLBC);
    CHECK_EQ("gtlbc_fields_writable", v & 0xff303fUL, 0xff303fUL);
    CHECK_EQ("gtlbc_reserved_zero", v & ~0xff303fUL, 0);
    csrwr(CSR_GTLBC, 0x12UL << 16 | GTLBC_USETGID);
    CHECK_EQ("gtlbc_roundtrip", csrrd(CSR_GTLBC), 0x12UL << 16 | GTLBC_USETGID);
    u64 old = csrxchg(CSR_GTLBC, 0, GTLBC_USETGID | GTLBC_TOTI);
    CHECK_EQ("gtlbc_csrxchg_old", old, 0x12UL << 16 | GTLBC_USETGID);
    CHECK_EQ("gtlbc_csrxchg_masked", csrrd(CSR_GTLBC), 0x12UL << 16);
    csrwr(CSR_GTLBC, GTLBC_USETGID);

    /* GCFG: capabilities read-only (GCIP_ALL, MATP_GUEST|ROOT), unsupported controls read 0 */
    csrwr(CSR_GCFG, 0);
    CHECK_EQ("gcfg_caps_after_write_0", csrrd(CSR_GCFG) & GCFG_CAPS, 0x10003);
    csrwr(CSR_GCFG, ~0UL);
    v = csrrd(CSR_GCFG);
    CHECK_EQ("gcfg_caps_readonly", v & GCFG_CAPS, 0x10003);
    CHECK_EQ("gcfg_unsupported_controls_zero", v & GCFG_CTRL_UNSUP, 0);
    csrwr(CSR_GCFG, 1UL << 4);
    CHECK_EQ("gcfg_matc_root_stored", csrrd(CSR_GCFG) & 0x30, 0x10);
    csrwr(CSR_GCFG, 2UL << 24);
    CHECK_EQ("gcfg_gperf_stored", (csrrd(CSR_GCFG) >> 24) & 7, 2);
    csrwr(CSR_GCFG, 0);

    /* GINTC: HC[23:16], PIP[15:8], VIP[7:0] */
    csrwr(CSR_GINTC, ~0UL);
    v = csrrd(CSR_GINTC);
    CHECK_EQ("gintc_fields_writable", v & 0xffffffUL, 0xffffffUL);
    CHECK_EQ("gintc_reserved_zero", v & ~0xffffffUL, 0);
    csrwr(CSR_GINTC, 0x0201);
    CHECK_EQ("gintc_vip_pip_roundtrip", csrrd(CSR_GINTC), 0x0201);
    csrwr(CSR_GINTC, 0);

    /* GCNTC: full 64-bit signed offset */
    csrwr(CSR_GCNTC, 0x8123456789abcdefUL);
    CHECK_EQ("gcntc_roundtrip_64bit", csrrd(CSR_GCNTC), 0x8123456789abcdefUL);
    csrwr(CSR_GCNTC, 0);
    CHECK_EQ("gcntc_zero", csrrd(CSR_GCNTC), 0);

    /* PRCFG1.KSNUM >= 6 for KVM's KS4/KS5 (A2; QEMU: 8) */
    CHECK_EQ("prcfg1_ksnum_8", csrrd(CSR_PRCFG1) & 0xf, 8);
}
