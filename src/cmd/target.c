/* placeholder */
#include "target.h"
int target_open(const struct target_opts *o, struct db **out, struct lr_err *err)
{
	struct db_conninfo ci = { .engine = DB_SQLITE, .path = (char *)o->arg, .readonly = o->readonly };
	return db_open(&ci, out, err);
}
