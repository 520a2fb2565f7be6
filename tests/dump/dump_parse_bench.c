/* Parse speed alone: read a dump with a reader into a sink that only
 * counts, and print MB/s of decompressed input. Used by bench/import.sh.
 * usage: dump_parse_bench DUMP [FORMAT] */
#include "dump/reader.h"
#include <stdio.h>
#include <time.h>

struct counts {
	long long rows, tables, bytes;
};

static int on_table(void *ctx, const struct dump_table *t, struct lr_err *err)
{
	(void)t;
	(void)err;
	((struct counts *)ctx)->tables++;
	return 0;
}

static int on_row(void *ctx, const char *table, const char *const *colnames, int nvals,
		  const struct db_value *vals, const struct dump_loc *loc, struct lr_err *err)
{
	(void)table;
	(void)colnames;
	(void)loc;
	(void)err;
	struct counts *c = ctx;
	c->rows++;
	for (int i = 0; i < nvals; i++)
		c->bytes += (long long)vals[i].len;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: dump_parse_bench DUMP [FORMAT]\n");
		return 3;
	}
	struct lr_err err = LR_ERR_INIT;
	struct input *in = NULL;
	const struct dump_reader *rd = dump_reader_find(argc > 2 ? argv[2] : NULL);
	if (!rd || input_open(argv[1], &in, &err) < 0) {
		fprintf(stderr, "%s\n", rd ? err.msg : "unknown format");
		return 4;
	}
	struct counts c = { 0, 0, 0 };
	struct dump_sink sink = { &c, on_table, on_row, NULL, NULL, NULL };
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = rd->read(in, &sink, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	double mb = (double)input_raw_bytes(in) / 1e6;
	input_close(in);
	if (rc < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 4;
	}
	printf("parsed %.1f MB (%s bytes read), %lld tables, %lld rows in %.3f s: %.0f MB/s\n", mb,
	       "raw", c.tables, c.rows, s, mb / s);
	return 0;
}
