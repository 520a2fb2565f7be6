/* Does a portal look alive on this database? Shared by backup and prune:
 * both must not run against a database a running portal writes to.
 * The heuristic and its limits are described in liveness.c and
 * docs/backup.md. */
#ifndef LR_BACKUP_LIVENESS_H
#define LR_BACKUP_LIVENESS_H
#include "../db/db.h"

#define LR_LIVENESS_MAX 12

struct lr_liveness {
	int alive;                           /* 1 when any signal fired */
	int nsignals;
	char signals[LR_LIVENESS_MAX][256];  /* one sentence per signal */
};

/* window_minutes: how recent a write counts as "the portal is writing"
 * (default LR_LIVENESS_WINDOW). Errors only for a broken connection; a
 * signal that cannot be queried (missing table, no privilege) is skipped. */
#define LR_LIVENESS_WINDOW 15
int lr_liveness_probe(struct db *db, int window_minutes, struct lr_liveness *out, struct lr_err *err);
#endif
