/* libFuzzer target: the mysqldump reader on arbitrary bytes must never
 * crash, hang or leak: it either reads them or fails with a message. */
#include "dump/reader.h"
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* where the callbacks leave what they read, so it is not optimised away */
static volatile size_t touched;

static int on_table(void *ctx, const struct dump_table *t, struct lr_err *err)
{
	(void)ctx;
	(void)err;
	/* touch what a sink reads */
	for (int i = 0; i < t->ncols; i++)
		touched += (size_t)t->cols[i].kind;
	return 0;
}

static int on_row(void *ctx, const char *table, const char *const *colnames, int nvals,
		  const struct db_value *vals, const struct dump_loc *loc, struct lr_err *err)
{
	(void)ctx;
	(void)table;
	(void)colnames;
	(void)loc;
	(void)err;
	for (int i = 0; i < nvals; i++)
		if (vals[i].s)
			for (size_t k = 0; k < vals[i].len; k++)
				touched += (unsigned char)vals[i].s[k];
	return 0;
}

static int on_index(void *ctx, const struct dump_index *ix, struct lr_err *err)
{
	(void)ctx;
	(void)ix;
	(void)err;
	return 0;
}

static void on_notice(void *ctx, const struct dump_loc *loc, const char *msg)
{
	(void)ctx;
	(void)loc;
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the reader takes an input file: give it an in-memory one */
	int fd = memfd_create("fuzz.sql", 0);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	lseek(fd, 0, SEEK_SET);
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	struct lr_err err = LR_ERR_INIT;
	struct input *in = NULL;
	if (input_open(path, &in, &err) == 0) {
		struct dump_sink sink = { NULL, on_table, on_row, on_index, on_notice, NULL };
		dump_reader_mysqldump.read(in, &sink, &err);
		input_close(in);
	}
	close(fd);
	return 0;
}
