/* Create tables and indexes in the target engine's own types, from a column
 * list whose declared types may be any dialect's spelling (MySQL
 * "bigint(20)", HSQLDB "VARCHAR(16777216)", PostgreSQL "timestamp"...).
 * Used by import (dump -> SQLite/MariaDB/PostgreSQL) and by the sample
 * generator. Identifiers are quoted; table names keep their spelling. */
#ifndef LR_DB_DDL_H
#define LR_DB_DDL_H
#include "db.h"

struct ddl_column {
	const char *name;
	const char *decl;   /* declared type in any dialect; NULL -> from kind */
	enum db_kind kind;
	int notnull;
};

/* The column type to use on engine e for decl/kind (appended to sb). */
void ddl_type(enum db_engine e, const char *decl, enum db_kind kind, struct strbuf *sb);
int db_create_table(struct db *db, const char *table, const struct ddl_column *cols, int ncols,
		    const char *const *pk, int npk, struct lr_err *err);
int db_create_index(struct db *db, const char *table, const char *name, const char *const *cols,
		    int ncols, int unique, struct lr_err *err);
int db_drop_table_if_exists(struct db *db, const char *table, struct lr_err *err);
#endif
