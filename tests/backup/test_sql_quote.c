/* Quoted SQL literals of the dump (src/backup/sqlquote.c) equal a plain
 * byte-by-byte escaper's on every length from 0 to 300, with special bytes
 * at every position, runs of them, and random bytes, for MariaDB (\ \0 \n
 * \r ^Z ' escaped) and PostgreSQL/SQLite (' doubled); each call appends to
 * what the buffer holds. Built twice: the vector code this machine runs and
 * the portable code (LR_SQLQUOTE_PORTABLE). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "backup/dbpart.h"

static void reference(enum db_engine e, struct strbuf *sb, const unsigned char *s, size_t n)
{
	strbuf_addch(sb, '\'');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c == '\'')
			strbuf_add(sb, "''", 2);
		else if (e == DB_MARIADB && c == '\\')
			strbuf_add(sb, "\\\\", 2);
		else if (e == DB_MARIADB && c == 0)
			strbuf_add(sb, "\\0", 2);
		else if (e == DB_MARIADB && c == '\n')
			strbuf_add(sb, "\\n", 2);
		else if (e == DB_MARIADB && c == '\r')
			strbuf_add(sb, "\\r", 2);
		else if (e == DB_MARIADB && c == 26)
			strbuf_add(sb, "\\Z", 2);
		else
			strbuf_addch(sb, (char)c);
	}
	strbuf_addch(sb, '\'');
}

static uint64_t rnd_state = 42;
static unsigned rnd(void)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rnd_state >> 33);
}

static int compare(enum db_engine e, const unsigned char *s, size_t n)
{
	struct strbuf got = STRBUF_INIT, want = STRBUF_INIT;
	/* something before, as in a statement being built */
	strbuf_addstr(&got, "INSERT (");
	strbuf_addstr(&want, "INSERT (");
	bk_sql_quote(e, &got, (const char *)s, n);
	reference(e, &want, s, n);
	int same = got.len == want.len && !memcmp(got.buf, want.buf, got.len) && got.buf[got.len] == 0;
	if (!same)
		fprintf(stderr, "engine %d, %zu bytes: got %zu bytes, want %zu\n", (int)e, n, got.len, want.len);
	strbuf_release(&got);
	strbuf_release(&want);
	return same;
}

static void equals_the_plain_escaper(void **state)
{
	(void)state;
	static const unsigned char specials[] = { '\'', '\\', 0, '\n', '\r', 26, '\t', '"', 0x1f, 0xff };
	const enum db_engine engines[] = { DB_MARIADB, DB_PGSQL, DB_SQLITE };
	unsigned char buf[300];
	long checked = 0;
	for (size_t ei = 0; ei < 3; ei++) {
		enum db_engine e = engines[ei];
		for (size_t n = 0; n <= sizeof buf; n++) {
			/* one special byte at every position of plain text */
			for (size_t sp = 0; sp < sizeof specials; sp++)
				for (size_t at = 0; at < n; at++) {
					memset(buf, 'a', n);
					buf[at] = specials[sp];
					assert_true(compare(e, buf, n));
					checked++;
				}
			/* nothing special; all special; random bytes at three densities */
			memset(buf, 'x', n);
			assert_true(compare(e, buf, n));
			for (size_t i = 0; i < n; i++)
				buf[i] = specials[i % 6];
			assert_true(compare(e, buf, n));
			for (int density = 1; density <= 64; density *= 8)
				for (int rep = 0; rep < 4; rep++) {
					for (size_t i = 0; i < n; i++)
						buf[i] = rnd() % (unsigned)density == 0 ? specials[rnd() % sizeof specials]
											: (unsigned char)(32 + rnd() % 95);
					assert_true(compare(e, buf, n));
				}
			checked += 14;
		}
	}
	fprintf(stderr, "%ld inputs compared\n", checked);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(equals_the_plain_escaper) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
