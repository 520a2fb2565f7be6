/* The sample's schema as data: one descriptor per table and Liferay version,
 * extracted from the real fixtures by schema-extract.py (schema_data.c).
 * Column types are MySQL spellings; ddl.c translates them per engine. */
#ifndef LR_SAMPLE_SCHEMA_H
#define LR_SAMPLE_SCHEMA_H
#include "../db/db.h"
#include "../db/ddl.h"

enum sample_ver { SV_62 = 0, SV_70 = 1, SV_71 = 2 };

struct sample_tabledef {
	const char *name;    /* canonical spelling ("Group_") */
	const char *cols;    /* "name type[!][#pk];..." */
	const char *indexes; /* "[+]NAME:col,col;..." */
};

extern const struct sample_tabledef sample_schema_62[];
extern const struct sample_tabledef sample_schema_70[];
extern const struct sample_tabledef sample_schema_71[];

/* One table parsed from its descriptor. All strings owned by the table. */
struct sample_index {
	char *name;
	char **cols;
	int *prefix;   /* MySQL prefix length per column, 0: whole column */
	int ncols;
	int unique;
};

struct sample_table {
	char *name;
	struct ddl_column *cols; /* name/decl owned */
	int ncols;
	char **pk;
	int npk;
	struct sample_index *idx;
	int nidx;
};

struct sample_schema {
	struct sample_table *tables;
	int ntables;
};

const struct sample_tabledef *sample_schema_defs(enum sample_ver v);
void sample_schema_load(enum sample_ver v, struct sample_schema *out);
void sample_schema_free(struct sample_schema *s);
const struct sample_table *sample_schema_find(const struct sample_schema *s, const char *name);
int sample_create_tables(struct db *db, const struct sample_schema *s, struct lr_err *err);
int sample_create_indexes(struct db *db, const struct sample_schema *s, struct lr_err *err);
#endif
