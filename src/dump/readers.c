/* Reader lookup. With no name, the "auto" reader peeks at the first
 * decompressed bytes, asks every reader how much they look like its format
 * and hands the input to the best one. */
#include "reader.h"
#include "input_peek.h"
#include <string.h>
#include <strings.h>

static const struct dump_reader *const all[] = {
	&dump_reader_mysqldump,
	&dump_reader_pgdump,
	&dump_reader_hsqldb,
};
#define NREADERS (sizeof all / sizeof all[0])

/* Below this score nothing looks like a dump we know. */
#define MIN_SCORE 20
#define SNIFF_BYTES (64 * 1024)

static const struct dump_reader *best_for(const char *head, size_t n, int *score)
{
	const struct dump_reader *best = NULL;
	*score = 0;
	for (size_t i = 0; i < NREADERS; i++) {
		int s = all[i]->sniff(head, n);
		if (s > *score) {
			*score = s;
			best = all[i];
		}
	}
	return best;
}

static int auto_sniff(const char *head, size_t n)
{
	int score;
	best_for(head, n, &score);
	return score;
}

static int auto_read(struct input *in, struct dump_sink *sink, struct lr_err *err)
{
	const char *head;
	long n = input_peek(in, SNIFF_BYTES, &head, err);
	if (n < 0)
		return -1;
	if (n == 0)
		return lr_fail(err, LR_EXIT_INPUT, "%s: the file is empty", input_name(in));
	int score;
	const struct dump_reader *r = best_for(head, (size_t)n, &score);
	if (!r || score < MIN_SCORE)
		return lr_fail(err, LR_EXIT_INPUT,
			       "%s:1:1: not a dump lrprep can read (expected a mysqldump, pg_dump plain "
			       "or HSQLDB script; use --format to force one)",
			       input_name(in));
	return r->read(in, sink, err);
}

static const struct dump_reader dump_reader_auto = { "auto", auto_sniff, auto_read };

const struct dump_reader *dump_reader_find(const char *name)
{
	static const struct {
		const char *alias;
		const struct dump_reader *r;
	} names[] = {
		{ "mysqldump", &dump_reader_mysqldump }, { "mysql", &dump_reader_mysqldump },
		{ "mariadb", &dump_reader_mysqldump },   { "pg_dump", &dump_reader_pgdump },
		{ "pgdump", &dump_reader_pgdump },       { "postgresql", &dump_reader_pgdump },
		{ "hsqldb", &dump_reader_hsqldb },       { "auto", &dump_reader_auto },
	};
	if (!name)
		return &dump_reader_auto;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcasecmp(name, names[i].alias))
			return names[i].r;
	return NULL;
}
