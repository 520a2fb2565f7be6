/* Private to the cascade: the doomed sets (cascade.c) and what runs after
 * the fixpoint (cascade_finish.c: the journaled deletes, the final probe). */
#ifndef LR_PRUNE_CASCADE_INT_H
#define LR_PRUNE_CASCADE_INT_H
#include "cascade.h"
#include "../util/strbuf.h"

struct doomed {
	char *table;      /* live spelling */
	char *d, *e;      /* temp table names: insert target, read twin */
	int npk;
	char **pkcols;    /* live spellings of the key columns */
	char *pred;       /* "(k1,k2) IN (SELECT k1,k2 FROM e)" over unaliased columns */
	int order;        /* discovery order: delete in reverse */
	int64_t rows;     /* keys in e */
	int pending;      /* inserts into d not yet moved into e */
	int keyed;        /* pkcols is the table's primary key (not all columns) */
	int swept;        /* groupId/companyId sweep done for this table's rows */
};

/* What a relation saw when last followed: the doomed rows of its parent and
 * of its alternative parent. Doomed sets only grow and a relation's result
 * only grows with them, so a relation whose inputs did not grow since it
 * was last followed has nothing new to add (semi-naive evaluation). */
struct seen {
	int64_t parent, alt;
};

struct cascade {
	struct db *db;
	struct lr_version v;
	struct lr_classnames cn;
	struct doomed *t;
	int n, cap;
	int seq;
	struct seen *seen; /* per relation: lr_relations, prune_relations, prefix_relations */
	struct gone *gone; /* per parent column: the values no surviving row holds */
	int ngone, gonecap;
};

/* The values of a non-unique parent column (JournalArticle.resourcePrimKey)
 * that only doomed rows hold: a child pointing at one has lost its parent.
 * Computed once per round for all the relations probing that column. */
struct gone {
	char *parent, *col, *tab;
	int64_t at; /* parent's doomed rows when computed */
	int64_t n;  /* values in tab */
};

struct doomed *find(struct cascade *c, const char *table);
/* "[col]" / "c.[col]" in tpl -> alias.col in t's spelling; -1 if t lacks one */
int expand_template(struct cascade *c, const struct db_table *t, const char *alias, const char *tpl,
		    struct strbuf *out);
void cast_text(struct cascade *c, struct strbuf *sb, const char *expr); /* CAST(expr AS text) */
int sole_key(const struct db_table *t, const struct db_column *col);    /* col is t's whole key */
#endif
