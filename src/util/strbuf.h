/* Growable NUL-terminated byte buffer (after git's strbuf).
 * Ownership: the strbuf owns buf until strbuf_detach() hands it to the caller.
 * An initialised strbuf always has a valid, NUL-terminated buf. */
#ifndef LR_STRBUF_H
#define LR_STRBUF_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);            /* len = 0, keeps memory */
char *strbuf_detach(struct strbuf *sb, size_t *len); /* caller owns result; sb reset */
void strbuf_grow_slow(struct strbuf *sb, size_t extra);
void strbuf_addstr(struct strbuf *sb, const char *s);
/* r for people: the fewest digits that read back to the same double
 * ("1.1", not printf's %.17g "1.1000000000000001"), without an exponent
 * below 1e17 ("100", not "1e+02"). Not the checksum's canonical form. */
void strbuf_add_double(struct strbuf *sb, double r);

/* Room for extra more bytes and the NUL. Inline: the dump and checksum
 * loops call these for every value, and the room is almost always there. */
static inline void strbuf_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 > sb->alloc)
		strbuf_grow_slow(sb, extra);
}

static inline void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

static inline void strbuf_addch(struct strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_setlen(struct strbuf *sb, size_t len);
/* Decimal text of v, as "%" PRId64 would write it (hot paths: checksums). */
void strbuf_add_int64(struct strbuf *sb, int64_t v);
const char *strbuf_str(const struct strbuf *sb); /* "" for a never-used buffer */
#endif
