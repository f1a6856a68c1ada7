/* CPU masks as text, the way Linux prints a cpulist: "1", "0,2-3", "none". */
#include "cli.h"

void cpu_list(uint64_t mask, char buf[CPU_LIST_LEN])
{
    size_t len = 0;
    buf[0] = '\0';
    for (unsigned cpu = 0; cpu < 64; cpu++) {
        if (!(mask >> cpu & 1))
            continue;
        unsigned last = cpu;
        while (last < 63 && (mask >> (last + 1) & 1))
            last++;
        /* the longest list of 64 CPUs ("0-1,3-4,...") takes about 120 bytes: it always fits */
        len += (size_t)snprintf(buf + len, CPU_LIST_LEN - len, last > cpu ? "%s%u-%u" : "%s%u",
                                len ? "," : "", cpu, last);
        if (len >= CPU_LIST_LEN)
            break;
        cpu = last;
    }
    if (!len)
        snprintf(buf, CPU_LIST_LEN, "none");
}
