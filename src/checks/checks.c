/* placeholder: the check registry is being written (owner replaces this file) */
#include "checks.h"

int checks_run(struct db *db, const struct lr_version *v, const struct checks_opts *o,
	       json_t **findings, struct lr_err *err)
{
	(void)db; (void)v; (void)o; (void)err;
	*findings = json_array();
	return 0;
}

json_t *checks_list(void) { return json_array(); }

int checks_exit_code(const json_t *findings)
{
	int worst = 0;
	size_t i;
	json_t *f;
	json_array_foreach(findings, i, f) {
		const char *s = json_string_value(json_object_get(f, "severity"));
		int v = !s ? 0 : s[0] == 'e' ? 2 : s[0] == 'w' ? 1 : 0;
		if (v > worst)
			worst = v;
	}
	return worst;
}
