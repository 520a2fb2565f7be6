/* placeholder: the pgsql driver is being written */
#include "driver.h"
static int ph_open(const struct db_conninfo *ci, struct db **out, struct lr_err *err)
{
	(void)ci;
	*out = 0;
	return lr_fail(err, LR_EXIT_INPUT, "the pgsql driver is not built yet");
}
const struct db_driver db_pgsql_driver = { .name = "pgsql", .engine = DB_PGSQL, .open = ph_open };
