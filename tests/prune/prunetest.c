#include "prunetest.h"
#include "db/checksum.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *pt_checksums(struct db *db)
{
	struct lr_err err = LR_ERR_INIT;
	const struct db_catalog *cat = db_catalog(db, &err);
	if (!cat)
		fail_msg("catalog: %s", err.msg);
	json_t *o = json_object();
	for (int i = 0; i < cat->ntables; i++) {
		struct table_sum s;
		if (db_table_checksum(db, cat->tables[i].name, &s, &err) < 0)
			fail_msg("checksum %s: %s", cat->tables[i].name, err.msg);
		char buf[64];
		snprintf(buf, sizeof buf, "%lld:%s", (long long)s.rows, s.hex);
		json_object_set_new(o, cat->tables[i].name, json_string(buf));
	}
	return o;
}

json_t *pt_run(int expect_rc, int json, const char *arg0, ...)
{
	const char *argv[64];
	int n = 0;
	va_list ap;
	va_start(ap, arg0);
	for (const char *a = arg0; a && n < 63; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_runv(&out, &err, argv);
	if (rc != expect_rc)
		fail_msg("lrprep %s ... exited %d, expected %d; stderr: %s", arg0, rc, expect_rc, strbuf_str(&err));
	json_t *doc = NULL;
	if (json) {
		json_error_t je;
		doc = json_loads(strbuf_str(&out), 0, &je);
		if (!doc)
			fail_msg("lrprep %s: output is not JSON (%s): %.300s", arg0, je.text, strbuf_str(&out));
	}
	strbuf_release(&out);
	strbuf_release(&err);
	return doc;
}

long long pt_orphans(const json_t *inspect)
{
	long long n = 0;
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(inspect, "findings"), i, f) {
		const char *id = json_string_value(json_object_get(f, "id"));
		/* orphan.userid is by design after removing users: their content stays,
		 * as with Liferay's own deleteUser (docs/prune.md); it is a notice */
		if (id && !strncmp(id, "orphan.", 7) && strcmp(id, "orphan.userid") != 0)
			n += json_integer_value(json_object_get(f, "count"));
	}
	return n;
}

void pt_sh(const char *fmt, ...)
{
	struct strbuf cmd = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	int rc = system(cmd.buf);
	if (rc != 0)
		fail_msg("shell failed (%d): %s", rc, cmd.buf);
	strbuf_release(&cmd);
}
