/* Text as a quoted SQL literal of the dump, the dump's hottest loop (most
 * of a Liferay database's bytes are text: article content, preferences,
 * settings). The bytes are copied and scanned for the characters that need
 * escaping in one pass, a vector at a time: each vector is stored whole,
 * then the output advances only to the first special byte, if any.
 *
 * Escapes: ' doubled (every engine); MariaDB also \ \0 \n \r and ^Z as
 * backslash sequences, as mysqldump writes them, which keeps every
 * statement on one line.
 * LR_SQLQUOTE_PORTABLE builds the code other machines run (word-at-a-time
 * scan), for its test on this one. */
#include "dbpart.h"
#include <stdint.h>
#include <string.h>

/* The escape of special byte c at o; returns the end. */
static char *escape(char *o, unsigned char c)
{
	if (c == '\'') {
		*o++ = '\'';
		*o++ = '\'';
		return o;
	}
	*o++ = '\\';
	*o++ = c == '\\' ? '\\' : c == 0 ? '0' : c == '\n' ? 'n' : c == '\r' ? 'r' : 'Z';
	return o;
}

#if defined(__x86_64__) && defined(__SSE2__) && !defined(LR_SQLQUOTE_PORTABLE)
#include <immintrin.h>

/* The vector loops store a whole vector ahead of the output's end: the
 * caller leaves room for 2n + 2 bytes, which is enough while 32 or 16 input
 * bytes remain (each of which the output holds at most twice), and 16 bytes
 * more for the tail's vector. */

__attribute__((target("avx2"))) static char *copy_avx2(int my, char *o, const char *s, size_t *pi, size_t n)
{
	const __m256i q = _mm256_set1_epi8('\''), bs = _mm256_set1_epi8('\\'), nul = _mm256_setzero_si256();
	const __m256i nl = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r'), sub = _mm256_set1_epi8(26);
	size_t i = *pi;
	while (i + 32 <= n) {
		__m256i w = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		_mm256_storeu_si256((__m256i *)(void *)o, w);
		__m256i hit = _mm256_cmpeq_epi8(w, q);
		if (my)
			hit = _mm256_or_si256(_mm256_or_si256(hit, _mm256_cmpeq_epi8(w, bs)),
					      _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(w, nul),
									      _mm256_cmpeq_epi8(w, nl)),
							      _mm256_or_si256(_mm256_cmpeq_epi8(w, cr),
									      _mm256_cmpeq_epi8(w, sub))));
		unsigned m = (unsigned)_mm256_movemask_epi8(hit);
		if (!m) {
			i += 32;
			o += 32;
			continue;
		}
		unsigned k = (unsigned)__builtin_ctz(m);
		o = escape(o + k, (unsigned char)s[i + k]);
		i += k + 1;
	}
	*pi = i;
	return o;
}

/* A bit per byte of w that needs escaping. */
static inline unsigned specials16(int my, __m128i w)
{
	__m128i hit = _mm_cmpeq_epi8(w, _mm_set1_epi8('\''));
	if (my)
		hit = _mm_or_si128(_mm_or_si128(hit, _mm_cmpeq_epi8(w, _mm_set1_epi8('\\'))),
				   _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, _mm_setzero_si128()),
							     _mm_cmpeq_epi8(w, _mm_set1_epi8('\n'))),
						_mm_or_si128(_mm_cmpeq_epi8(w, _mm_set1_epi8('\r')),
							     _mm_cmpeq_epi8(w, _mm_set1_epi8(26)))));
	return (unsigned)_mm_movemask_epi8(hit);
}

static char *copy_sse2(int my, char *o, const char *s, size_t *pi, size_t n)
{
	size_t i = *pi;
	while (i + 16 <= n) {
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		_mm_storeu_si128((__m128i *)(void *)o, w);
		unsigned m = specials16(my, w);
		if (!m) {
			i += 16;
			o += 16;
			continue;
		}
		unsigned k = (unsigned)__builtin_ctz(m);
		o = escape(o + k, (unsigned char)s[i + k]);
		i += k + 1;
	}
	*pi = i;
	return o;
}

/* The last bytes (fewer than 16) through one vector too: they are copied
 * into a vector of plain bytes, which is stored whole (the caller leaves 16
 * bytes of room more) and then cut at the end of the input. Short values
 * (names, ids, dates) are mostly tail. */
static char *copy_tail(int my, char *o, const char *s, size_t i, size_t n)
{
	while (i < n) {
		size_t rest = n - i;
		char v[16];
		memset(v, 'a', sizeof v);
		memcpy(v, s + i, rest);
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)v);
		_mm_storeu_si128((__m128i *)(void *)o, w);
		unsigned m = specials16(my, w);
		if (!m)
			return o + rest;
		unsigned k = (unsigned)__builtin_ctz(m);
		o = escape(o + k, (unsigned char)s[i + k]);
		i += k + 1;
	}
	return o;
}

#else
static int special(int my, unsigned char c)
{
	return c == '\'' || (my && (c == '\\' || c == 0 || c == '\n' || c == '\r' || c == 26));
}

/* Copy s[*i..n) to o, escaping, a byte at a time (the tail). */
static char *copy_bytes(int my, char *o, const char *s, size_t i, size_t n)
{
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (special(my, c))
			o = escape(o, c);
		else
			*o++ = (char)c;
	}
	return o;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
/* Word tests (a bit per matching byte may be set, none when no byte matches):
 * a byte equal to c, a byte below c (c <= 128). */
static inline uint64_t has_byte(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (ONES * c);
	return (x - ONES) & ~x & HIGHS;
}
static inline uint64_t has_below(uint64_t w, unsigned char c)
{
	return (w - ONES * c) & ~w & HIGHS;
}

/* Elsewhere: 8 bytes at a time while none can be special. */
static char *copy_words(int my, char *o, const char *s, size_t *pi, size_t n)
{
	size_t i = *pi;
	while (i + 8 <= n) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t hit = has_byte(w, '\'') | (my ? has_byte(w, '\\') | has_below(w, 0x20) : 0);
		if (hit) /* a candidate (a tab is below 0x20 but needs nothing) */
			break;
		memcpy(o, &w, 8);
		o += 8;
		i += 8;
	}
	*pi = i;
	return o;
}
#endif

void bk_sql_quote(enum db_engine e, struct strbuf *sb, const char *s, size_t n)
{
	int my = e == DB_MARIADB;
	strbuf_grow(sb, 2 * n + 2 + 16);
	char *o = sb->buf + sb->len;
	*o++ = '\'';
	size_t i = 0;
#if defined(__x86_64__) && defined(__SSE2__) && !defined(LR_SQLQUOTE_PORTABLE)
	if (n >= 32 && __builtin_cpu_supports("avx2"))
		o = copy_avx2(my, o, s, &i, n);
	o = copy_sse2(my, o, s, &i, n);
	o = copy_tail(my, o, s, i, n);
#else
	while (i < n) {
		o = copy_words(my, o, s, &i, n);
		size_t end = i + 8 < n ? i + 8 : n; /* the word that stopped it, byte by byte */
		o = copy_bytes(my, o, s, i, end);
		i = end;
	}
#endif
	*o++ = '\'';
	*o = 0;
	sb->len = (size_t)(o - sb->buf);
}
