/* Terminal messages: verbosity (-q / -v) and colour (only on a TTY, NO_COLOR
 * honoured). Everything here goes to stderr; stdout is for reports. */
#ifndef LR_LOG_H
#define LR_LOG_H
#include <stdio.h>

extern int lr_verbosity; /* 0 quiet, 1 normal (default), 2 verbose */

void lr_log_init(void);  /* reads NO_COLOR, isatty */
int lr_color(FILE *f);   /* 1 if colour may be used on f */
void lr_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void lr_verbose(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* -v: "who: what  N.NN s", the seconds since *since (lr_now()); *since
 * becomes now, ready for the next phase. */
void lr_phase(const char *who, const char *what, double *since);
void lr_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void lr_notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
