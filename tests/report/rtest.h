/* Helpers of the report tests: a generated sample database, files, counting. */
#ifndef LR_RTEST_H
#define LR_RTEST_H
#include "testlib.h"
#include <jansson.h>

/* `lrprep sample -o DIR/name` in this test's temp dir; returns the path. */
const char *rt_sample(const char *name);
/* The whole file, NUL-terminated (fails the test if unreadable). Caller frees. */
char *rt_slurp(const char *path);
/* Occurrences of needle in hay (non-overlapping). */
int rt_count(const char *hay, const char *needle);
/* Run lrprep with args and parse stdout as JSON; *rc gets the exit code. Caller decrefs. */
json_t *rt_json(int *rc, const char *arg0, ...);

/* Long option names (without "--") a command's source accepts: "--name"
 * literals of its hand-written parser and { "name", ..._argument } entries
 * of its struct option tables. */
struct names {
	char **v;
	size_t n;
};
void options_of(const char *src, struct names *out);
/* The long options of src's struct option tables that take a value
 * (required_argument); returns how many such tables src has. */
int value_options_of(const char *src, struct names *out);
void names_free(struct names *l);
int optch(int c); /* a character of an option name */
/* The commands of src/main.c's table (LRPREP_SRC), NULL-terminated; free with names_free. */
void rt_commands(struct names *out);
#endif
