/*
 * The tool's help texts and usage messages. '@' in a text stands for the
 * name the tool was run as, so `hvisor --help` speaks of hvisor.
 */
#include "cli.h"
#include <stdarg.h>

static const char synopsis_start[] = "@ zone start [--dump <out>] <zone.json>\n";
static const char synopsis_shutdown[] = "@ zone shutdown -id <N>\n";
static const char synopsis_list[] = "@ zone list\n";

static const char text_main[] =
    "Starts, stops and lists lvisor's zones from the root zone, through /dev/hvisor.\n"
    "Zone configs are hvisor-tool's JSON files; run as `hvisor` (a link to this\n"
    "tool), it takes hvisor-tool's command lines as well, and behaves as hvisor-tool:\n"
    "it takes no CPU out of the root zone (echo 0 > /sys/devices/system/cpu/cpuN/online\n"
    "first) and gives none back.\n"
    "\n"
    "commands:\n"
    "  zone start <zone.json>      start a zone: load its images, take its CPUs out of\n"
    "                              the root zone, have lvisor start it\n"
    "  zone start --dump <out> <zone.json>\n"
    "                              only check the config and write the struct\n"
    "                              lvisor_zone_config it makes (3184 bytes) to <out>\n"
    "  zone shutdown -id <N>       stop zone N, give its CPUs back to the root zone\n"
    "  zone list                   the zones: id, name, CPUs, RAM, state\n"
    "  hv log                      lvisor's own log (its messages, also those it keeps\n"
    "                              off the console when booted with log=errors)\n"
    "  hv frames                   how many of lvisor's page-table frames are free\n"
    "\n"
    "  -h, --help                  this help; `@ zone <command> --help` for one command\n"
    "\n"
    "Exit status: 0 done, 1 failed (the message says why), 2 bad command line.\n";

static const char text_start[] =
    "Starts the zone a zone config (hvisor-tool's JSON format) describes:\n"
    "  1. checks the config and reads the files it names (kernel_filepath,\n"
    "     dtb_filepath, modules[].filepath); each must fit in the RAM region\n"
    "     holding its load address;\n"
    "  2. checks that lvisor takes this tool's config layout (HVISOR_CONFIG_CHECK);\n"
    "  3. loads the files into the zone's RAM (HVISOR_LOAD_IMAGE);\n"
    "  4. takes the zone's CPUs that are online in the root zone offline;\n"
    "  5. has lvisor start the zone (HVISOR_ZONE_START). When lvisor refuses, the\n"
    "     CPUs come back online and lvisor's reason is printed.\n"
    "\n"
    "  --dump <out>  stop after step 1 and write the struct lvisor_zone_config\n"
    "                (3184 bytes, as step 5 would pass it) to <out>; needs no\n"
    "                /dev/hvisor, so it checks a config anywhere\n"
    "\n"
    "Numbers may be JSON numbers or strings (\"0x90000000\", \"4096\", \"010\");\n"
    "write values above 2^53 as strings. A file path \"null\" means none.\n";

static const char text_shutdown[] =
    "Stops zone N (any zone but the root zone, 0), then brings its CPUs back\n"
    "online in the root zone. --id <N> and --id=<N> work too.\n";

static const char text_list[] =
    "Lists the zones, the root zone (0) included: id, name, CPUs, RAM, and state\n"
    "(running, or error when lvisor stopped the zone after a fault).\n";

static void put(FILE *f, const char *text)
{
    for (const char *p = text; *p; p++)
        if (*p == '@')
            fputs(prog, f);
        else
            fputc(*p, f);
}

/* "usage: " and the topic's command lines, the first after "usage:", the others below it. */
static void synopsis(FILE *f, enum help_topic topic)
{
    const char *lines[3] = {synopsis_start, synopsis_shutdown, synopsis_list};
    int first = 0, n = 3;
    if (topic == HELP_ZONE_START || topic == HELP_ZONE_SHUTDOWN || topic == HELP_ZONE_LIST) {
        first = topic - HELP_ZONE_START;
        n = 1;
    }
    for (int i = first; i < first + n; i++) {
        fputs(i == first ? "usage: " : "       ", f);
        put(f, lines[i]);
    }
}

int help(enum help_topic topic)
{
    static const char *const texts[] = {
        [HELP_MAIN] = text_main,        [HELP_ZONE] = text_main,
        [HELP_ZONE_START] = text_start, [HELP_ZONE_SHUTDOWN] = text_shutdown,
        [HELP_ZONE_LIST] = text_list,
    };
    synopsis(stdout, topic);
    putchar('\n');
    put(stdout, texts[topic]);
    return 0;
}

int usage(enum help_topic topic, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    synopsis(stderr, topic);
    static const char *const more[] = {
        [HELP_MAIN] = "",
        [HELP_ZONE] = " zone",
        [HELP_ZONE_START] = " zone start",
        [HELP_ZONE_SHUTDOWN] = " zone shutdown",
        [HELP_ZONE_LIST] = " zone list",
    };
    fprintf(stderr, "(`%s%s --help` says more)\n", prog, more[topic]);
    return EXIT_USAGE;
}
