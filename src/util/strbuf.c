#include "strbuf.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	strbuf_init(sb, 0);
}

void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	if (!sb->buf)
		strbuf_grow(sb, 1);
	char *r = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb, 0);
	return r;
}

void strbuf_grow_slow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	size_t c = sb->alloc ? sb->alloc : 64;
	while (c < need)
		c *= 2;
	sb->buf = xrealloc(sb->buf, c);
	sb->alloc = c;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_add_double(struct strbuf *sb, double r)
{
	char tmp[64];
	int prec = 1;
	for (; prec < 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, r);
		if (strtod(tmp, NULL) == r)
			break;
	}
	snprintf(tmp, sizeof tmp, "%.*g", prec, r);
	/* %g turns 100 into 1e+02 when one digit is enough: a person reads
	 * whole numbers up to 17 digits better without the exponent */
	const char *e = strchr(tmp, 'e');
	if (e && e[1] == '+' && atoi(e + 2) < 17) {
		int frac = prec - 1 - atoi(e + 2);
		snprintf(tmp, sizeof tmp, "%.*f", frac > 0 ? frac : 0, r);
	}
	strbuf_addstr(sb, tmp);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	if (!fmt)
		return;
	/* into the room there is first: formatting twice (measure, then
	 * write) doubled the cost of every call that fits, nearly all of them */
	strbuf_grow(sb, 64);
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0) {
		sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= sb->alloc - sb->len) {
		strbuf_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->buf) {
		if (len == 0)
			return;
		strbuf_grow(sb, len);
	}
	sb->len = len;
	sb->buf[len] = '\0';
}

void strbuf_add_int64(struct strbuf *sb, int64_t v)
{
	char tmp[24];
	char *p = tmp + sizeof tmp;
	/* work on the magnitude as unsigned so INT64_MIN does not overflow */
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	strbuf_add(sb, p, (size_t)(tmp + sizeof tmp - p));
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : empty;
}
