/* The subcommands' command lines, parsed one way: getopt_long (so every
 * option taking a value accepts both --opt VALUE and --opt=VALUE, operands
 * may come anywhere, "--" ends the options), and one form for every usage
 * error: "lrprep: error: WHAT; see 'lrprep CMD --help'", exit 3.
 *
 *	struct lr_err err = LR_ERR_INIT;
 *	struct cli cl;
 *	cli_init(&cl, "plan", argc, argv, "o:h", opts, &err);
 *	while ((c = cli_next(&cl)) != -1)
 *		switch (c) { case 'k': cli_int(&cl, 1, 100000, &keep); break; ... }
 *	if (err.code || cli_target(&cl, &to) < 0)
 *		return lr_err_print(&err);
 */
#ifndef LR_CMD_CLI_H
#define LR_CMD_CLI_H
#include "../util/error.h"
#include <getopt.h>
#include <stddef.h>

struct target_opts;

struct cli {
	const char *cmd;               /* the subcommand, for "see 'lrprep CMD --help'" */
	int argc;
	char **argv;
	const struct option *longopts; /* each entry with its own non-zero val */
	struct lr_err *err;
	char optstring[32];            /* ':' + the short options */
	char name[64];                 /* the option cli_next returned: "--top" ("-x" without a long name) */
};

/* Start parsing argv (argv[0] is the subcommand). shortopts as getopt's,
 * without a leading ':'. */
void cli_init(struct cli *c, const char *cmd, int argc, char **argv, const char *shortopts,
	      const struct option *longopts, struct lr_err *err);
/* The next option's val (its value, if it takes one, in optarg), or -1
 * after the last option (the operands are then argv[optind..]) and as soon as
 * c->err is set: by a bad option ("unknown option --x", "--x needs a
 * value", "--json takes no value") or by the caller's own value checks. */
int cli_next(struct cli *c);
/* Set the usage error "WHAT; see 'lrprep CMD --help'" (exit 3); returns -1. */
int cli_usage(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* optarg as a whole number from min to max (LLONG_MAX: no upper bound), or the
 * usage error "--opt needs a number (MIN-MAX), got 'x'". */
int cli_number(struct cli *c, long long min, long long max, long long *out);
int cli_int(struct cli *c, int min, int max, int *out);
/* The items of a repeatable comma-separated option (--only a,b --only c):
 * v is NULL-terminated (NULL while empty); the list owns the strings. */
struct cli_list {
	const char **v;
	size_t n, cap;
	char **bufs;
	size_t nbufs, bufcap;
};
/* Add the items of arg; returns the index in v of the first one added. */
size_t cli_list_add(struct cli_list *l, const char *arg);
void cli_list_free(struct cli_list *l);
/* The one operand after the options into *out (left as it is if there is
 * none); "more than one NOUN given ('a' and 'b')" if there are more. A NULL
 * noun: the command takes no operand ("unexpected argument 'x'"). */
int cli_operand(struct cli *c, const char *noun, const char **out);
/* cli_operand for the database; then a database or a Liferay Home must be
 * given ("no database given (...)"). */
int cli_database(struct cli *c, const char **db, const char *liferay_home);
/* cli_database into a target, which takes one of the two, not both. */
int cli_target(struct cli *c, struct target_opts *to);
#endif
