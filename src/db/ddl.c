/* placeholder: implemented by the import owner */
#include "ddl.h"
void ddl_type(enum db_engine e, const char *decl, enum db_kind kind, struct strbuf *sb)
{ (void)e; (void)kind; strbuf_addstr(sb, decl ? decl : "TEXT"); }
int db_create_table(struct db *db, const char *table, const struct ddl_column *cols, int ncols,
		    const char *const *pk, int npk, struct lr_err *err)
{ (void)db; (void)table; (void)cols; (void)ncols; (void)pk; (void)npk; return lr_fail(err, LR_EXIT_FAILED, "ddl not built yet"); }
int db_create_index(struct db *db, const char *table, const char *name, const char *const *cols,
		    int ncols, int unique, struct lr_err *err)
{ (void)db; (void)table; (void)name; (void)cols; (void)ncols; (void)unique; return lr_fail(err, LR_EXIT_FAILED, "ddl not built yet"); }
int db_drop_table_if_exists(struct db *db, const char *table, struct lr_err *err)
{ (void)db; (void)table; return lr_fail(err, LR_EXIT_FAILED, "ddl not built yet"); }
