/* What zone_main.c shares with the other modes' files. */
#ifndef ZONE_H
#define ZONE_H

#include <baremetal/setjmp.h>
#include <baremetal/types.h>

/* trap() records an exception here and longjmps to zone_escape */
extern jmp_buf zone_escape;
extern volatile u64 trap_ecode, trap_badv;

/* mode 4 (virtio_hostile.c): a malicious virtio driver against the root's daemon */
void hostile(void) __attribute__((noreturn));
/* mode 5 (access_cost.c): times register reads, trapped and not */
void access_cost(void) __attribute__((noreturn));

#endif
