/* Private to the MariaDB driver: what mariadb.c (connections, statements,
 * cursors) and mariadb_load.c (the bulk loader) share. */
#ifndef LR_DB_MARIADB_INT_H
#define LR_DB_MARIADB_INT_H
#include "driver.h"
#include <mysql.h>

struct my_db {
	struct db base;
	MYSQL *h;
	int in_tx;
};

int my_fail(struct my_db *d, struct lr_err *err, const char *ctx);
int my_stmt_fail(struct my_db *d, MYSQL_STMT *st, struct lr_err *err, const char *ctx);
/* One parameter bind (NULL, integer, real, text or blob); the buffers must
 * outlive the execute. */
void my_bind_value(MYSQL_BIND *b, enum db_kind kind, int64_t *i, double *r, const char *s, size_t len);
int my_begin(struct db *db, struct lr_err *err);
int my_commit(struct db *db, struct lr_err *err);
int my_rollback(struct db *db, struct lr_err *err);

/* the loader (mariadb_load.c); the infile handler is installed on every
 * connection (ld NULL: refuse, never the default handler that reads files) */
struct my_loader;
void my_infile_handler(MYSQL *h, struct my_loader *ld);
int my_load_begin(struct db *db, const char *table, const char *const *cols, int ncols,
		  struct db_loader **out, struct lr_err *err);
int my_load_row(struct db_loader *l, const struct db_value *vals, struct lr_err *err);
int my_load_end(struct db_loader *l, int commit, struct lr_err *err);
#endif
