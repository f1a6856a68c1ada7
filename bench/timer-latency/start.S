/*
 * Timer-latency bench guest's exception entry (entry point:
 * tests/guest-lib/zone_start.S). It only ever takes the timer interrupt: it
 * notes the counter when it runs and acknowledges the timer.
 */
#define CSR_KS0 0x30
#define CSR_KS1 0x31
#define CSR_TICLR 0x44

    .text
    .balign 64
    .globl timer_vector
timer_vector:
    csrwr   $t0, CSR_KS0
    csrwr   $t1, CSR_KS1
    rdtime.d $t0, $zero
    la.pcrel $t1, fired_at
    st.d    $t0, $t1, 0
    li.w    $t0, 1
    csrwr   $t0, CSR_TICLR
    csrrd   $t0, CSR_KS0
    csrrd   $t1, CSR_KS1
    ertn
