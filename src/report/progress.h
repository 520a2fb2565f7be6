/* One progress bar for every long operation: on stderr, only when stderr is
 * a terminal and not -q, redrawn at most ten times a second, in bytes or in
 * items, with throughput and ETA when the total is known:
 *   importing dump.sql  [#########.........]  48%  1.2 GB/2.5 GB  85.3 MB/s  ETA 0:15
 * Adopt it in import (bytes read), inspect (tables counted), plan/prune
 * (objects), backup (bytes copied), verify (bytes hashed). */
#ifndef LR_REPORT_PROGRESS_H
#define LR_REPORT_PROGRESS_H
#include <stdint.h>
#include <stdio.h>

enum lr_progress_unit { LR_PROGRESS_ITEMS = 0, LR_PROGRESS_BYTES = 1 };

struct lr_progress;

/* total <= 0: unknown (a counter and rate, no bar, no ETA). Returns NULL when
 * no bar is wanted (not a TTY, quiet); every function accepts NULL. label is copied. */
struct lr_progress *lr_progress_start(const char *label, int64_t total, enum lr_progress_unit unit);
/* The same on any stream, shown whenever enabled (tests, or a caller that decides). */
struct lr_progress *lr_progress_new(FILE *f, int enabled, const char *label, int64_t total,
				    enum lr_progress_unit unit);
void lr_progress_set(struct lr_progress *p, int64_t done);
void lr_progress_add(struct lr_progress *p, int64_t n);
void lr_progress_total(struct lr_progress *p, int64_t total); /* the total became known */
/* Erase the bar (the command prints its own summary) and free p. */
void lr_progress_end(struct lr_progress *p);
/* Format one bar line into buf (no \r); exposed for tests. elapsed in seconds. */
void lr_progress_format(char *buf, size_t n, const char *label, int64_t done, int64_t total,
			enum lr_progress_unit unit, double elapsed, int width);
#endif
