/*
 * lvisor's command-line tool for the root zone: dispatches `zone start`,
 * `zone shutdown` and `zone list`. The same binary, run as `hvisor`, takes
 * hvisor-tool's command lines, which are the same ones.
 */
#include "cli.h"
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

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
        return usage(HELP_MAIN, "virtio: lvisor has no virtio daemon yet");
    return usage(HELP_MAIN, "unknown command \"%s\"", cmd);
}
