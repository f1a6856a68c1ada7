/* Stage-2 refills by a real page walk in the root refill handler (lvz.md A2: KVM's host
 * handle_tlb_refill with lddir/ldpte on root PGDL), and a self-referencing stage-2 table. */
#include "lvz.h"

extern char g_walk_tlbr[], w_pg_ld[], walk_tlbr[], w_ld[], vec_tlbr[], __image_start[];

/* 3 levels of 4 KiB pages: Dir2 (1 GiB) -> Dir1 (2 MiB) -> PTE */
static u64 pgd[512] __attribute__((aligned(4096)));
static u64 pmd0[512] __attribute__((aligned(4096)));
static u64 pmd1[512] __attribute__((aligned(4096)));
static u64 pte_img[512] __attribute__((aligned(4096)));
static u64 pte_a[512] __attribute__((aligned(4096)));
static u64 page_a[512] __attribute__((aligned(4096)));
#define PTE_RAM (ELO_V | ELO_D | ELO_MAT_CC)
#define PWCTL0_3LVL (12 | 9 << 5 | 21 << 10 | 9 << 15 | 30 << 20 | 9 << 25)
#define SELF_GPA ((2UL << 30) | (2UL << 21) | (2UL << 12))

static struct guest g;

/* guest page table pages, reached by the guest only through stage 2 at other GPAs */
static u64 gdir[512] __attribute__((aligned(4096)));
static u64 gpte[512] __attribute__((aligned(4096)));
#define G_DIR_GPA 0x44000000UL
#define G_PTE_GPA 0x44001000UL
#define G_DATA_GPA 0x40000000UL
#define G_GVA 0x10000000UL

static int hvc0(long r) { return r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == EC_HVC && (u32)ti.badi == HVCL_WORD(0); }

void tests(void)
{
    long r;
    u64 img = (u64)__image_start & ~0x1fffffUL;
    for (int i = 0; i < 512; i++) {
        pte_img[i] = (img + ((u64)i << 12)) | PTE_RAM;
        page_a[i] = 0xa0a0000000000000UL | (u64)i;
    }
    pte_a[0] = (u64)page_a | PTE_RAM;
    pmd0[(img >> 21) & 0x1ff] = (u64)pte_img;
    pmd1[0] = (u64)pte_a;
    pgd[0] = (u64)pmd0;
    pgd[1] = (u64)pmd1;
    pgd[2] = (u64)pgd; /* the table refers to itself */

    guest_init(&g, (void (*)(void))w_ld, 1);
    s2_auto = 0;
    tlb_flush_all();
    csrwr(PWCTL0, PWCTL0_3LVL);
    csrwr(PWCTL1, 0);
    csrwr(PGDL, (u64)pgd);
    csrwr(TLBRENTRY, (u64)walk_tlbr);

    g.r[A1] = 0x40000008;
    r = guest_run(&g);
    CHECK_TRUE("s2_refill_by_lddir_ldpte", hvc0(r) && g.r[A0] == (0xa0a0000000000000UL | 1), g.r[A0]);

    /* looks the entry up: tagged with the guest's GID, PS from the walk */
    csrxchg(GTLBC, 1UL << 16, 0xff0000);
    csrwr(TLBEHI, 0x40000000);
    tlbsrch();
    u64 idx = csrrd(TLBIDX);
    csrwr(TLBIDX, idx & 0xfff);
    tlbrd();
    u64 trgp = csrrd(TRGP), elo0 = csrrd(TLBELO0), ps = (csrrd(TLBIDX) >> 24) & 0x3f;
    csrxchg(GTLBC, 0, 0xff0000);
    CHECK_TRUE("s2_walk_entry_gid_1", ((idx >> 31) & 1) == 0 && trgp == 1UL << 16, trgp);
    CHECK_EQ("s2_walk_entry_hpa", elo0 & 0xfffffffff000UL, (u64)page_a);
    CHECK_EQ("s2_walk_entry_ps", ps, 12);

    /* pgd[2] -> pgd: Dir2, Dir1 and the PTE level all read pgd; the "PTE" is &pgd, V = 0 */
    g.pc = (u64)w_ld;
    g.r[A1] = SELF_GPA + 0x10;
    r = guest_run(&g);
    CHECK_TRUE("s2_self_ref_table_is_pil", r == RUN_TRAPPED && ti.kind == TRAP_GENERAL && ECODE(&ti) == EC_PIL,
               ECODE(&ti));
    CHECK_EQ("s2_self_ref_pil_badv_gpa", ti.badv, SELF_GPA + 0x10);
    /* now make the self-reference a valid leaf: the guest reads the stage-2 table itself */
    pgd[2] = (u64)pgd | PTE_RAM;
    pgd[3] = (u64)pgd | PTE_RAM;
    invtlb(0x14, 1UL << 16, 0);
    g.pc = (u64)w_ld;
    g.r[A1] = SELF_GPA;
    r = guest_run(&g);
    CHECK_TRUE("s2_self_ref_walk_ends", r == RUN_TRAPPED, ti.estat);

    csrwr(TLBRENTRY, (u64)vec_tlbr);
    s2_auto = 1;

    /* a guest refill walking its own table: every load is GPA -> stage 2 -> HPA */
    gdir[(G_GVA >> 21) & 0x1ff] = G_PTE_GPA;
    gpte[(G_GVA >> 12) & 0x1ff] = G_DATA_GPA | PTE_RAM;
    tlb_flush_all();
    guest_init(&g, 0, 1);
    s2_add(1, G_DIR_GPA, (u64)gdir, 0x1000, PTE_RAM);
    s2_add(1, G_PTE_GPA, (u64)gpte, 0x1000, PTE_RAM);
    s2_add(1, G_DATA_GPA, (u64)page_a, 0x1000, PTE_RAM);
    gcsrwr(TLBRENTRY, (u64)g_walk_tlbr);
    gcsrwr(PWCTL0, 12 | 9 << 5 | 21 << 10 | 9 << 15);
    gcsrwr(PWCTL1, 0);
    gcsrwr(PGDL, G_DIR_GPA);
    gcsrwr(DMW0, 0x9000000000000011UL);
    gcsrwr(CRMD, 0x10 | (1 << 5) | (1 << 7));
    g.pc = 0x9000000000000000UL | (u64)w_pg_ld;
    g.r[A5] = G_GVA + 0x18;
    r = guest_run(&g);
    CHECK_TRUE("guest_walk_tables_through_stage2", hvc0(r) && g.r[A0] == (0xa0a0000000000000UL | 3), g.r[A0]);
    CHECK_EQ("guest_walk_filled_guest_tlbrelo0", gcsrrd(TLBRELO0) & 0xfffffffff000UL, G_DATA_GPA);
}
