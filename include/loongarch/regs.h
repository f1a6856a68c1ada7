/*
 * LoongArch64 architecture registers: CSR numbers and fields (base ISA and
 * LVZ), exception codes, interrupt lines and the IOCSR IPI block. Facts of
 * the architecture only (Loongson manuals vol. 1, Linux asm/loongarch.h), no
 * code: shared by lvisor's arch layer and the bare-metal test programs, in C
 * and assembly.
 */
#ifndef LOONGARCH_REGS_H
#define LOONGARCH_REGS_H

#define CSR_CRMD 0x0
#define CSR_PRMD 0x1
#define CSR_EUEN 0x2
#define CSR_MISC 0x3
#define CSR_ECFG 0x4
#define CSR_ESTAT 0x5
#define CSR_ERA 0x6
#define CSR_BADV 0x7
#define CSR_BADI 0x8
#define CSR_EENTRY 0xc
#define CSR_TLBIDX 0x10
#define CSR_TLBEHI 0x11
#define CSR_TLBELO0 0x12
#define CSR_TLBELO1 0x13
#define CSR_GTLBC 0x15
#define CSR_TRGP 0x16
#define CSR_ASID 0x18
#define CSR_PGDL 0x19
#define CSR_PGDH 0x1a
#define CSR_PGD 0x1b
#define CSR_PWCTL0 0x1c
#define CSR_PWCTL1 0x1d
#define CSR_STLBPS 0x1e
#define CSR_RVACFG 0x1f
#define CSR_CPUID 0x20
#define CSR_PRCFG1 0x21
#define CSR_PRCFG2 0x22
#define CSR_PRCFG3 0x23
#define CSR_KS0 0x30
#define CSR_KS1 0x31
#define CSR_KS2 0x32
#define CSR_KS3 0x33
#define CSR_TMID 0x40
#define CSR_TCFG 0x41
#define CSR_TVAL 0x42
#define CSR_CNTC 0x43
#define CSR_TICLR 0x44
#define CSR_GSTAT 0x50
#define CSR_GCFG 0x51
#define CSR_GINTC 0x52
#define CSR_GCNTC 0x53
#define CSR_LLBCTL 0x60
#define CSR_TLBRENTRY 0x88
#define CSR_TLBRBADV 0x89
#define CSR_TLBRERA 0x8a
#define CSR_TLBRSAVE 0x8b
#define CSR_TLBRELO0 0x8c
#define CSR_TLBRELO1 0x8d
#define CSR_TLBREHI 0x8e
#define CSR_TLBRPRMD 0x8f
#define CSR_MERRCTL 0x90
#define CSR_MERRERA 0x94
#define CSR_MERRENTRY 0x93
#define CSR_MERRSAVE 0x95
#define CSR_DMW0 0x180
#define CSR_DMW1 0x181
#define CSR_DMW2 0x182
#define CSR_DMW3 0x183

#define CRMD_PLV_MASK 0x3UL
#define CRMD_IE (1UL << 2)
#define CRMD_DA (1UL << 3)
#define CRMD_PG (1UL << 4)
#define CRMD_DATF_CC (1UL << 5)
#define CRMD_DATM_CC (1UL << 7)
#define PRMD_PIE (1UL << 2)
#define EUEN_FPE (1UL << 0)
#define EUEN_SXE (1UL << 1)
#define EUEN_ASXE (1UL << 2)
#define EUEN_BTE (1UL << 3)
#define ECFG_VS_SHIFT 16
#define ECFG_VS_MASK (0x7UL << 16)
#define ECFG_LIE_MASK 0x1fffUL
#define ESTAT_IS_MASK 0x1fffUL
#define ESTAT_ECODE_SHIFT 16
#define ESTAT_ECODE_MASK (0x3fUL << 16)
#define ESTAT_ESUBCODE_SHIFT 22
#define ESTAT_EXC_MASK (0x1ffUL << 22 | 0x3fUL << 16)
#define TCFG_EN (1UL << 0)
#define TCFG_PERIODIC (1UL << 1)
#define TCFG_VAL_MASK (~0x3UL)
#define TICLR_CLR 1UL
#define TLBRERA_ISTLBR 1UL

/* CPUCFG word 2 */
#define CPUCFG2_LVZP (1U << 10)
#define CPUCFG2_LVZVER_SHIFT 11
#define CPUCFG2_LLFTP (1U << 14)

/* ESTAT.IS / ECFG.LIE bit numbers */
#define INT_SWI0 0
#define INT_SWI1 1
#define INT_HWI0 2
#define INT_HWI_MASK (0xffUL << 2)
#define INT_TI 11
#define INT_IPI 12

/* ESTAT.Ecode */
#define ECODE_INT 0
#define ECODE_PIL 1
#define ECODE_PIS 2
#define ECODE_PIF 3
#define ECODE_PME 4
#define ECODE_PNR 5
#define ECODE_PNX 6
#define ECODE_PPI 7
#define ECODE_ADE 8
#define ECODE_ALE 9
#define ECODE_SYS 11
#define ECODE_BRK 12
#define ECODE_INE 13
#define ECODE_IPE 14
#define ECODE_FPD 15
#define ECODE_GSPR 22
#define ECODE_HVC 23
#define ECODE_GCM 24
#define ESUBCODE_ADEF 0
#define ESUBCODE_ADEM 1

/* LVZ root CSR fields (lvz.md "Registers") */
#define GSTAT_VM (1UL << 0)
#define GSTAT_PVM (1UL << 1)
#define GSTAT_GIDBIT_SHIFT 4
#define GSTAT_GID_SHIFT 16
#define GSTAT_GID_MASK (0xffUL << 16)
#define GTLBC_USETGID (1UL << 12)
#define GTLBC_TOTI (1UL << 13)
#define GTLBC_TGID_SHIFT 16
#define GTLBC_TGID_MASK (0xffUL << 16)
#define GCFG_MATP_ROOT (1UL << 1)
#define GCFG_MATC_SHIFT 4
#define GCFG_MATC_MASK (0x3UL << 4)
#define GCFG_GCIP_SECURE (1UL << 18)
#define GCFG_GCI_SHIFT 20
#define GINTC_VIP_MASK 0xffUL
#define GINTC_PIP_SHIFT 8
#define GINTC_PIP_MASK (0xffUL << 8)

/* DMW: VSEG in [63:60], MAT in [5:4], PLV0 in bit 0 */
#define DMW_PLV0 1UL
#define DMW_MAT_SUC (0UL << 4)
#define DMW_MAT_CC (1UL << 4)

/* TLB entry low halves */
#define TLBELO_V (1UL << 0)
#define TLBELO_D (1UL << 1)
#define TLBELO_MAT_SUC (0UL << 4)
#define TLBELO_MAT_CC (1UL << 4)
#define TLBELO_NR (1UL << 61)
#define TLBELO_NX (1UL << 62)
#define TLBELO_PPN_MASK 0x0000fffffffff000UL

/* IOCSR IPI block of the current CPU and the send registers (QEMU loongson_ipi). */
#define IOCSR_IPI_STATUS 0x1000
#define IOCSR_IPI_EN 0x1004
#define IOCSR_IPI_SET 0x1008
#define IOCSR_IPI_CLEAR 0x100c
#define IOCSR_MBUF0 0x1020
#define IOCSR_MBUF_END 0x1040 /* 4 mailboxes of 8 bytes */
#define IOCSR_IPI_SEND 0x1040
#define IOCSR_MBUF_SEND 0x1048
#define IOCSR_ANY_SEND 0x1158

#endif
