#include "error.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int lr_fail(struct lr_err *err, int code, const char *fmt, ...)
{
	if (!err || err->code)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	err->code = code ? code : LR_EXIT_FAILED;
	/* keep messages on one line */
	for (char *p = err->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return -1;
}

void lr_err_prefix(struct lr_err *err, const char *fmt, ...)
{
	if (!err || !err->code)
		return;
	char pre[512], old[sizeof err->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(pre, sizeof pre, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	size_t n = strlen(pre);
	if (n > sizeof err->msg - 3)
		n = sizeof err->msg - 3;
	memcpy(err->msg, pre, n);
	memcpy(err->msg + n, ": ", 2);
	size_t room = sizeof err->msg - n - 3;
	size_t ol = strnlen(old, room);
	memcpy(err->msg + n + 2, old, ol);
	err->msg[n + 2 + ol] = '\0';
}

void lr_err_clear(struct lr_err *err)
{
	err->code = 0;
	err->msg[0] = '\0';
}

int lr_err_print(const struct lr_err *err)
{
	fprintf(stderr, "lrprep: error: %s\n", err->msg[0] ? err->msg : "unknown error");
	return err->code ? err->code : LR_EXIT_FAILED;
}
