/* placeholder: implemented by the import owner */
#include "checksum.h"
int db_table_checksum(struct db *db, const char *table, struct table_sum *out, struct lr_err *err)
{ (void)db; (void)table; (void)out; return lr_fail(err, LR_EXIT_FAILED, "checksum not built yet"); }
void db_value_canonical(const struct db_value *v, struct strbuf *sb) { (void)v; (void)sb; }
