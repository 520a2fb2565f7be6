/* Private to src/checks: the descriptor table, the SQL template expander
 * and the per-family generators. */
#ifndef LR_CHECKS_INTERNAL_H
#define LR_CHECKS_INTERNAL_H
#include "checks.h"
#include "../liferay/classnames.h"
#include "../liferay/relations.h"
#include "../util/strbuf.h"

enum check_category { CAT_UNUSED, CAT_ORPHAN, CAT_BLOCKER, CAT_INTERNAL };

/* One SQL text for one engine (0 = any). Templates:
 *   {Table}       real, quoted name of a table (missing -> check not applicable)
 *   [col]         quoted column, looked up in the tables the text names
 *   [Table.col]   quoted column of that table (missing -> not applicable)
 *   {CN:Key}      bound classNameId of a class (lr_classname_by_key)
 *   {CNV:Key}     bound class-name string of the version at hand
 *   {P:name}      bound threshold: keep_first, keep_last, login_cutoff, idle_cutoff
 *   {INT} {TEXT}  the engine's CAST target for integers / text
 *   {LIKE:expr}   the engine's '%' || expr || '%'
 *   {PLID:expr}   the text before '_LAYOUT_' in expr */
struct check_sql {
	enum db_engine engine;
	const char *text;
};

struct check_ctx;
struct check_def;

/* Row sink of a check: the runner counts and samples, plan collects. */
struct check_sink {
	int (*row)(struct check_sink *s, const struct check_def *d, const char *const *names,
		   const struct db_value *vals, int n);
	void *ctx;
};

/* A check in C (parsing, catalog walks). Returns 0 done, 1 not applicable,
 * -1 failed (err set). Rows go to the sink, one call per finding row. */
typedef int (*check_fn)(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
			struct lr_err *err);
/* Row filter for SQL checks whose last `hidden` columns need C to judge. */
typedef int (*check_filter)(const char *const *names, const struct db_value *vals, int n);

struct check_def {
	const char *id;
	enum check_category cat;
	enum check_severity sev;
	enum lr_line min, max;       /* version gate; LR_LINE_UNKNOWN = open */
	const char *title;
	const char *remediation;
	struct check_sql sql[4];     /* variants, first applicable wins */
	check_fn fn;                 /* or C code */
	check_filter filter;
	int hidden;                  /* trailing columns not shown in samples */
	/* for plan: the kind of object, its table and key (first column) */
	const char *kind;
	const char *table;
	const char *key;
};

struct check_ctx {
	struct db *db;
	const struct lr_version *v;
	const struct checks_opts *o;
	struct lr_classnames cn;
	char login_cutoff[32];
	char idle_cutoff[32];
};

/* An expanded query: text plus bound values (strings owned here). */
struct check_query {
	struct strbuf sql;
	struct db_value params[32];
	char *owned[32];
	int nparams;
};
void check_query_init(struct check_query *q);
void check_query_release(struct check_query *q);
/* Expand a template. Returns 0, 1 when a table/column is missing (not
 * applicable), -1 on a template bug (err set). */
int check_expand(struct check_ctx *x, const char *tmpl, struct check_query *q, struct lr_err *err);

/* Run one expanded query, feeding rows to the sink. */
int check_stream(struct check_ctx *x, const struct check_def *d, struct check_query *q,
		 struct check_sink *s, struct lr_err *err);

/* Run one descriptor (SQL variants or its C function): 0 done, 1 not
 * applicable, -1 failed. */
int check_run_def(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
		  struct lr_err *err);
const struct check_def *check_def_find(const char *id);
int check_empty_pages(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
		      struct lr_err *err);

/* Tables in the registry. */
extern const struct check_def check_defs[];
extern const int check_ndefs;

/* Generators of the orphan family (orphans.c). */
int check_relations(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
		    struct lr_err *err);
int check_sweep(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
		struct lr_err *err);
/* Build the UNION query of every relation tested by check id (orphans.c);
 * 1 when none applies. */
int check_relations_query(struct check_ctx *x, const char *id, struct check_query *q,
			  struct lr_err *err);
/* Blockers in C (blockers.c). */
int check_dup_fields(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
		     struct lr_err *err);
int check_table_case(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
		     struct lr_err *err);
int check_foreign_keys(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
		       struct lr_err *err);
int filter_liferay_fk(const char *const *names, const struct db_value *vals, int n);
int filter_page_no_portlets(const char *const *names, const struct db_value *vals, int n);

const char *check_category_name(enum check_category c);
/* Context with defaults applied (store receives the effective options). */
int checks_ctx_open(struct check_ctx *x, struct db *db, const struct lr_version *v,
		    const struct checks_opts *in, struct checks_opts *store, struct lr_err *err);
#endif
