/* Private: what a driver implements. One file per driver (sqlite.c, mariadb.c,
 * pgsql.c). Each driver's connection struct embeds struct db first, and its
 * cursor struct embeds struct db_cursor first. */
#ifndef LR_DB_DRIVER_H
#define LR_DB_DRIVER_H
#include "db.h"

struct db_driver {
	const char *name;
	enum db_engine engine;
	int (*open)(const struct db_conninfo *ci, struct db **out, struct lr_err *err);
	void (*close)(struct db *db);
	int (*server_version)(struct db *db, struct strbuf *out);
	int (*exec)(struct db *db, const char *sql, const struct db_value *p, int np,
		    int64_t *affected, struct lr_err *err);
	int (*query)(struct db *db, const char *sql, const struct db_value *p, int np,
		     struct db_cursor **out, struct lr_err *err);
	int (*next)(struct db_cursor *c, struct lr_err *err);
	void (*get)(struct db_cursor *c, int col, struct db_value *out);
	void (*cursor_close)(struct db_cursor *c);
	int (*begin)(struct db *db, struct lr_err *err);
	int (*commit)(struct db *db, struct lr_err *err);
	int (*rollback)(struct db *db, struct lr_err *err);
	/* Fill cat with every base table of the current database/schema and its
	 * columns (name, decl, kind, pk, notnull). Order does not matter. */
	int (*load_catalog)(struct db *db, struct db_catalog *cat, struct lr_err *err);
	int64_t (*table_bytes)(struct db *db, const char *table);
	int (*load_begin)(struct db *db, const char *table, const char *const *cols, int ncols,
			  struct db_loader **out, struct lr_err *err);
	int (*load_row)(struct db_loader *ld, const struct db_value *vals, struct lr_err *err);
	int (*load_end)(struct db_loader *ld, int commit, struct lr_err *err);
};

struct db {
	const struct db_driver *drv;
	struct db_catalog *cat;  /* owned; NULL until loaded */
	struct strbuf errmsg;    /* last error text */
	struct strbuf textbuf;   /* scratch for db_get_text */
};

struct db_cursor {
	struct db *db;
	int ncols;
	char **colnames;         /* owned by the driver's cursor */
	struct strbuf textbuf;   /* scratch for db_get_text */
};

/* Set db->errmsg and err (LR_EXIT_FAILED) with "context: message". */
int db_fail(struct db *db, struct lr_err *err, const char *context, const char *msg);

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_mariadb_driver;
extern const struct db_driver db_pgsql_driver;
#endif
