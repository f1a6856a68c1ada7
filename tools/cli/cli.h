/*
 * The lvisor command-line tool: what its files share. The tool runs in the
 * root zone and drives lvisor through /dev/hvisor; run as `hvisor` it stands
 * in for hvisor-tool. Every message starts with the name it was run as.
 */
#ifndef CLI_H
#define CLI_H

#include <stdint.h>
#include <stdio.h>

/* Exit statuses besides 0: a command failed; its command line was wrong. */
#define EXIT_FAIL  1
#define EXIT_USAGE 2

/* "lvisor" or "hvisor": argv[0]'s last component when it is "hvisor". */
extern const char *prog;
/* Run as `hvisor`: hvisor-tool's behaviour too (no CPU hot-unplug around zones). */
static inline int hvisor_mode(void) { return prog[0] == 'h'; }

/* "prog: message\n" on stderr. */
void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* What help() and usage() talk about. */
enum help_topic {
    HELP_MAIN,
    HELP_ZONE,
    HELP_ZONE_START,
    HELP_ZONE_SHUTDOWN,
    HELP_ZONE_LIST,
};

/* The topic's whole help on stdout; returns 0, the exit status of --help. */
int help(enum help_topic topic);
/* `hv log`, `hv frames` (hv_cmds.c). */
int hv_cmd(int argc, char **argv);
/* "prog: why" and the topic's synopsis on stderr; returns EXIT_USAGE. */
int usage(enum help_topic topic, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The zone commands. argv[0] is the command's own name ("start"). */
int zone_start(int argc, char **argv);
int zone_shutdown(int argc, char **argv);
int zone_list(int argc, char **argv);

/* A CPU mask as Linux writes CPU lists ("0,2-3"), or "none". */
#define CPU_LIST_LEN 192
void cpu_list(uint64_t mask, char buf[CPU_LIST_LEN]);

#endif
