/* A hand-built Liferay 6.2 database (SQLite) with exactly planted unused
 * objects, orphans and blockers (listed in scenario.c next to each row). */
#ifndef LR_TEST_CHECKS_SCENARIO_H
#define LR_TEST_CHECKS_SCENARIO_H
#include "db/db.h"
/* Build it in a new SQLite file; returns the path (static storage). */
const char *scenario_build(const char *file);
/* The findings it must give, "id=count ..." in registry order. */
extern const char scenario_expected[];
#endif
