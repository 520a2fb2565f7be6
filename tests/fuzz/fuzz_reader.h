/* Shared body of the dump reader fuzz targets: the input goes through the
 * real input layer (a memfd named by /proc/self/fd, so compressed inputs are
 * fuzzed too) into the reader with a sink that only counts. Invariants: no
 * crash, no leak, and a failure is always LR_EXIT_INPUT with a message. */
#ifndef LR_FUZZ_READER_H
#define LR_FUZZ_READER_H
#include "dump/input.h"
#include "dump/reader.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int fz_table(void *ctx, const struct dump_table *t, struct lr_err *err)
{
	(void)err;
	*(long *)ctx += t->ncols;
	return 0;
}

static int fz_row(void *ctx, const char *table, const char *const *colnames, int nvals,
		  const struct db_value *vals, const struct dump_loc *loc, struct lr_err *err)
{
	(void)table;
	(void)colnames;
	(void)loc;
	(void)err;
	long sum = 0;
	for (int i = 0; i < nvals; i++)
		if (vals[i].s && vals[i].len)
			sum += (unsigned char)vals[i].s[vals[i].len - 1]; /* touch the bytes */
	*(long *)ctx += sum;
	return 0;
}

static int fz_index(void *ctx, const struct dump_index *ix, struct lr_err *err)
{
	(void)err;
	*(long *)ctx += ix->ncols;
	return 0;
}

static void fz_notice(void *ctx, const struct dump_loc *loc, const char *msg)
{
	(void)loc;
	*(long *)ctx += (long)strlen(msg);
}

static int fz_run(const struct dump_reader *rd, const unsigned char *data, size_t size)
{
	int fd = memfd_create("fuzz", 0);
	if (fd < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	long ctx = 0;
	struct dump_sink sink = { &ctx, fz_table, fz_row, fz_index, fz_notice, NULL };
	struct lr_err err = LR_ERR_INIT;
	struct input *in = NULL;
	if (input_open(path, &in, &err) == 0) {
		int rc = rd->read(in, &sink, &err);
		if (rc != 0 && (rc != -1 || err.code != LR_EXIT_INPUT || !err.msg[0]))
			abort();
		input_close(in);
	}
	close(fd);
	return 0;
}
#endif
