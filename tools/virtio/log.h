/*
 * The daemon's log: one line per message, with the time, on stderr until
 * log_to() sends it to a file. Messages about what a zone did wrong go
 * through a flag so that each kind is logged once, however often it recurs.
 */
#ifndef VIRTIO_LOG_H
#define VIRTIO_LOG_H

#include <stdbool.h>
#include <stdio.h>

/* Where the lines go from now on (line-buffered). */
void log_to(FILE *f);
void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The message, unless *once is already set; sets it. */
void log_once(bool *once, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
