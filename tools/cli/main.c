/*
 * lvisor's command-line tool for the root zone: dispatches `zone start`,
 * `zone shutdown` and `zone list`, and hands `virtio start|stop` to the
 * virtio daemon (/usr/bin/lvisor-virtio, tools/virtio/). The same binary, run
 * as `hvisor`, takes hvisor-tool's command lines, which are the same ones.
 */
#include "cli.h"
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VIRTIO_DAEMON "/usr/bin/lvisor-virtio"

const char *prog = "lvisor";

void errorf(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static bool is_help(const char *a) { return !strcmp(a, "-h") || !strcmp(a, "--help"); }

static int zone(int argc, char **argv)
{
    if (argc == 0)
        return usage(HELP_ZONE, "zone: which command? start, shutdown or list");
    const char *cmd = argv[0];
    if (is_help(cmd))
        return help(HELP_ZONE);
    if (!strcmp(cmd, "start"))
        return zone_start(argc, argv);
    if (!strcmp(cmd, "shutdown"))
        return zone_shutdown(argc, argv);
    if (!strcmp(cmd, "list"))
        return zone_list(argc, argv);
    return usage(HELP_ZONE, "zone: unknown command \"%s\"", cmd);
}

/* The daemon takes its own command line; it names itself as this tool's `virtio`. */
static int virtio(int argc, char **argv)
{
    if (argc == 0 || (strcmp(argv[0], "start") && strcmp(argv[0], "stop")))
        return usage(HELP_MAIN, "virtio: which command? start or stop");
    char name[32];
    snprintf(name, sizeof(name), "%s virtio", prog);
    setenv("LVISOR_VIRTIO_PROG", name, 1);
    char **args = argv - 1; /* argv[-1] is "virtio": the daemon's argv[0] */
    execv(VIRTIO_DAEMON, args);
    execvp("lvisor-virtio", args);
    errorf("virtio: cannot run " VIRTIO_DAEMON ": %s", strerror(errno));
    return EXIT_FAIL;
}

int main(int argc, char **argv)
{
    const char *base = argc > 0 ? strrchr(argv[0], '/') : NULL;
    base = base ? base + 1 : argc > 0 ? argv[0] : "";
    if (!strcmp(base, "hvisor"))
        prog = "hvisor";
    if (argc < 2)
        return usage(HELP_MAIN, "no command given");
    const char *cmd = argv[1];
    if (is_help(cmd) || !strcmp(cmd, "help"))
        return help(HELP_MAIN);
    if (!strcmp(cmd, "zone"))
        return zone(argc - 2, argv + 2);
    if (!strcmp(cmd, "hv"))
        return hv_cmd(argc - 2, argv + 2);
    if (!strcmp(cmd, "virtio"))
        return virtio(argc - 2, argv + 2);
    return usage(HELP_MAIN, "unknown command \"%s\"", cmd);
}
