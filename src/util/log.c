#include "log.h"
#include "clock.h"
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

int lr_verbosity = 1;
static int color_out = -1, color_err = -1;

void lr_log_init(void)
{
	const char *nc = getenv("NO_COLOR");
	int allow = !(nc && *nc);
	color_out = allow && isatty(STDOUT_FILENO);
	color_err = allow && isatty(STDERR_FILENO);
}

int lr_color(FILE *f)
{
	if (color_out < 0)
		lr_log_init();
	return f == stdout ? color_out : f == stderr ? color_err : 0;
}

static void vlog(int min, const char *tag, const char *col, const char *fmt, va_list ap)
{
	if (lr_verbosity < min)
		return;
	if (tag) {
		if (lr_color(stderr))
			fprintf(stderr, "%slrprep: %s:\033[0m ", col, tag);
		else
			fprintf(stderr, "lrprep: %s: ", tag);
	}
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void lr_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(1, NULL, NULL, fmt, ap);
	va_end(ap);
}

void lr_verbose(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(2, NULL, NULL, fmt, ap);
	va_end(ap);
}

void lr_phase(const char *who, const char *what, double *since)
{
	double n = lr_now();
	lr_verbose("%s: %-28s %7.2f s", who, what, n - *since);
	*since = n;
}

void lr_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(0, "warning", "\033[33m", fmt, ap);
	va_end(ap);
}

void lr_notice(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(1, "notice", "\033[36m", fmt, ap);
	va_end(ap);
}
