#ifndef BAREMETAL_SORT_H
#define BAREMETAL_SORT_H

#include <baremetal/types.h>

/* Ascending, in place: an insertion sort, for the few hundred samples a bench keeps. */
void sort_u64(u64 *v, int n);

#endif
