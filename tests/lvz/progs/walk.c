/* Stage-2 refills by a real page walk in the root refill handler (lvz.md A2: KVM's host
 * handle_tlb_refill with lddir/ldpte on root PGDL), a self-referencing stage-2 table, and a
 * guest's own walk through stage 2 (A8.7). */
#include "lvz.h"

extern char s2_walk_tlbr[], __image_start[];

/* 3 levels of 4 KiB pages: Dir2 (1 GiB) -> Dir1 (2 MiB) -> PTE */
static u64 pgd[512] __attribute__((aligned(4096)));
static u64 pmd0[512] __attribute__((aligned(4096)));
static u64 pmd1[512] __attribute__((aligned(4096)));
static u64 pte_img[512] __attribute__((aligned(4096)));
static u64 pte_a[512] __attribute__((aligned(4096)));
static u64 page_a[512] __attribute__((aligned(4096)));
#define PTE_RAM (TLBELO_V | TLBELO_D | TLBELO_MAT_CC)
#define PWCTL0_3LVL (12 | 9 << 5 | 21 << 10 | 9 << 15 | 30 << 20 | 9 << 25)
/* Dir2 index 2, Dir1 index 2: both read pgd[2], so pgd is also the PTE page */
#define SELF_GPA ((2UL << 30) | (2UL << 21) | (2UL << 12))
#define SELF_LEAF_GPA ((2UL << 30) | (2UL << 21) | (4UL << 12))

static struct guest g;

/* guest page table pages, reached by the guest only through stage 2 at other GPAs */
static u64 gdir[512] __attribute__((aligned(4096)));
static u64 gpte[512] __attribute__((aligned(4096)));
#define G_DIR_GPA 0x44000000UL
#define G_PTE_GPA 0x44001000UL
#define G_DATA_GPA 0x40000000UL
#define G_GVA 0x10000000UL

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

    guest_init(&g, (void (*)(void))g_ld, 1);
    s2_auto = 0;
    tlb_flush_all();
    csrwr(CSR_PWCTL0, PWCTL0_3LVL);
    csrwr(CSR_PWCTL1, 0);
    csrwr(CSR_PGDL, (u64)pgd);
    csrwr(CSR_TLBRENTRY, (u64)s2_walk_tlbr);

    g.r[A1] = 0x40000008;
    r = guest_run(&g);
    CHECK_TRUE("s2_refill_by_lddir_ldpte", exit_hvc(r, 0) && g.r[A0] == (0xa0a0000000000000UL | 1), g.r[A0]);

    /* looks the entry up: tagged with the guest's GID, PS from the walk */
    u64 idx = tlb_search_read(1, 0x40000000);
    u64 trgp = csrrd(CSR_TRGP), elo0 = csrrd(CSR_TLBELO0), ps = TLBIDX_PS(csrrd(CSR_TLBIDX));
    CHECK_TRUE("s2_walk_entry_gid_1", !(idx & TLBIDX_NE) && trgp == 1UL << 16, trgp);
    CHECK_EQ("s2_walk_entry_hpa", elo0 & 0xfffffffff000UL, (u64)page_a);
    CHECK_EQ("s2_walk_entry_ps", ps, 12);

    /* pgd[2] -> pgd: Dir2, Dir1 and the PTE level all read pgd; the "PTE" is &pgd, V = 0 */
    g.pc = (u64)g_ld;
    g.r[A1] = SELF_GPA + 0x10;
    r = guest_run(&g);
    CHECK_TRUE("s2_self_ref_table_is_pil", exit_fault(r, ECODE_PIL, SELF_GPA + 0x10), ECODE(&ti));
    CHECK_EQ("s2_self_ref_pil_badv_gpa", ti.badv, SELF_GPA + 0x10);
    /* a valid leaf in the table that is its own PTE page: pgd[4]/pgd[5] map the pair at PTE
     * index 4 to the table's own page, so the guest reads the stage-2 table (pgd[0]) */
    pgd[4] = (u64)pgd | PTE_RAM;
    pgd[5] = (u64)pgd | PTE_RAM;
    invtlb(0x14, 1UL << 16, 0);
    g.pc = (u64)g_ld;
    g.r[A1] = SELF_LEAF_GPA;
    r = guest_run(&g);
    CHECK_TRUE("s2_self_ref_leaf_maps_table", exit_hvc(r, 0) && g.r[A0] == (u64)pmd0, g.r[A0]);

    csrwr(CSR_TLBRENTRY, (u64)trap_tlbr);
    s2_auto = 1;

    /* a guest refill walking its own table: every load is GPA -> stage 2 -> HPA */
    gdir[(G_GVA >> 21) & 0x1ff] = G_PTE_GPA;
    gpte[(G_GVA >> 12) & 0x1ff] = G_DATA_GPA | PTE_RAM;
    tlb_flush_all();
    guest_init(&g, 0, 1);
    s2_add(1, G_DIR_GPA, (u64)gdir, 0x1000, PTE_RAM);
    s2_add(1, G_PTE_GPA, (u64)gpte, 0x1000, PTE_RAM);
    s2_add(1, G_DATA_GPA, (u64)page_a, 0x1000, PTE_RAM);
    guest_paged(&g, g_ld, g_walk_tlbr, G_DIR_GPA);
    g.r[A1] = G_GVA + 0x18;
    r = guest_run(&g);
    CHECK_TRUE("guest_walk_tables_through_stage2", exit_hvc(r, 0) && g.r[A0] == (0xa0a0000000000000UL | 3), g.r[A0]);
    CHECK_EQ("guest_walk_filled_guest_tlbrelo0", gcsrrd(CSR_TLBRELO0) & 0xfffffffff000UL, G_DATA_GPA);
}
