/* Errors are returned, reported once at the top (curl / git style).
 * Library code fills a struct lr_err and returns -1; only a command's entry
 * point prints it (lr_err_print) and turns it into an exit code. */
#ifndef LR_ERROR_H
#define LR_ERROR_H

/* Documented exit codes (README, --help, DESIGN.md). */
enum lr_exit {
	LR_EXIT_CLEAN = 0,    /* nothing found */
	LR_EXIT_WARNINGS = 1, /* warnings only */
	LR_EXIT_ERRORS = 2,   /* errors found: not ready */
	LR_EXIT_USAGE = 3,    /* bad command line / bad plan file */
	LR_EXIT_INPUT = 4,    /* cannot connect / cannot read input */
	LR_EXIT_FAILED = 5,   /* the operation failed and was rolled back */
};

struct lr_err {
	int code;        /* an enum lr_exit value; 0 while no error is set */
	char msg[2048];  /* one line, no trailing newline */
};

#define LR_ERR_INIT { 0, { 0 } }

/* Set err (if not already set: the first, most specific error wins) and
 * return -1, so callers write `return lr_fail(err, LR_EXIT_INPUT, ...)`. */
int lr_fail(struct lr_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prefix the existing message with context ("importing x.sql: ..."). */
void lr_err_prefix(struct lr_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void lr_err_clear(struct lr_err *err);
/* Print "lrprep: error: MSG" to stderr; returns err->code (LR_EXIT_FAILED if unset). */
int lr_err_print(const struct lr_err *err);
#endif
