/* The compiled catalogue is exactly data/apps-catalog.tsv (the single
 * source), and versions compare the way Liferay orders them. */
#include "apps_testlib.h"
#include "liferay/apps.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *dash(const char *s)
{
	return s ? s : "-";
}

static void catalog_is_the_tsv(void **state)
{
	(void)state;
	char path[4096];
	snprintf(path, sizeof path, "%s/data/apps-catalog.tsv", tl_src());
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[2048];
	int n = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		char *fld[9] = { 0 }, *sp = NULL;
		int k = 0;
		for (char *p = line; k < 9; k++) {
			fld[k] = p;
			sp = strchr(p, '\t');
			if (!sp)
				break;
			*sp = '\0';
			p = sp + 1;
		}
		assert_int_equal(k, 8);
		assert_true(n < lr_app_catalog_count);
		const struct lr_app_entry *e = &lr_app_catalog[n++];
		assert_string_equal(fld[0], e->app);
		assert_string_equal(fld[1], e->line);
		assert_string_equal(fld[2], e->name);
		assert_string_equal(fld[3], e->kind);
		assert_string_equal(fld[4], dash(e->ns));
		assert_string_equal(fld[5], dash(e->tables));
		assert_string_equal(fld[6], dash(e->latest));
		assert_string_equal(fld[7], dash(e->maps_to));
	}
	fclose(f);
	assert_int_equal(n, lr_app_catalog_count);
	assert_int_equal(n, 54);
}

static void lookups_and_the_62_to_7x_mapping(void **state)
{
	(void)state;
	const struct lr_app_entry *e = lr_app_find("6.2", "kaleo-web");
	assert_non_null(e);
	assert_string_equal(e->maps_to, "com.liferay.portal.workflow.kaleo.service");
	assert_string_equal(e->latest, "110");
	assert_string_equal(lr_app_find("6.2", "calendar-portlet")->maps_to, "com.liferay.calendar.service");
	assert_string_equal(lr_app_find("6.2", "notifications-portlet")->maps_to, "com.liferay.notifications.web");
	assert_string_equal(lr_app_find("6.2", "marketplace-portlet")->maps_to, "com.liferay.marketplace.service");
	assert_string_equal(lr_app_find_ns("6.2", "Ntfctns")->name, "notifications-portlet");
	assert_string_equal(lr_app_find_ns("7.1", "Kaleo")->name, "com.liferay.portal.workflow.kaleo.service");
	assert_null(lr_app_find("7.1", "kaleo-web"));
	assert_null(lr_app_find(NULL, "kaleo-web"));
	assert_string_equal(lr_apps_line_key(LR_LINE_62), "6.2");
	assert_null(lr_apps_line_key(LR_LINE_61));
}

static void version_order(void **state)
{
	(void)state;
	assert_true(lr_version_cmp("1.10.0", "1.9.2") > 0);
	assert_true(lr_version_cmp("1.0.0", "1.0.0") == 0);
	assert_true(lr_version_cmp("1.0.0-step-2", "1.0.0") < 0);
	assert_true(lr_version_cmp("1.0.0-step-3", "1.0.0-step-2") < 0);
	assert_true(lr_version_cmp("1.0.0-step-1", "0.9.9") > 0);
	assert_true(lr_version_cmp("100", "101") < 0);
	assert_true(lr_version_cmp("130", "110") > 0);
	assert_true(lr_version_cmp("2.0", "2.0.0") == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalog_is_the_tsv),
		cmocka_unit_test(lookups_and_the_62_to_7x_mapping),
		cmocka_unit_test(version_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
