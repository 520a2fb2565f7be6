/* Text tables align by display width: CJK characters take two columns,
 * combining marks none (the lr62-mysql-juyee fixture has Japanese site
 * names). Checked on the exact bytes of a table and, when the test MariaDB
 * has the fixture, on inspect's sites table. */
#include "rtest.h"
#include "report/report.h"
#include <stdlib.h>
#include <string.h>

static void widths(void **state)
{
	(void)state;
	assert_int_equal(report_display_width("Guest"), 5);
	assert_int_equal(report_display_width("\xe3\x82\xb8\xe3\x83\xa5\xe3\x82\xa4\xe3\x83\xbc"), 8); /* ジュイー */
	assert_int_equal(report_display_width("\xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe"), 8); /* 株式会社 */
	assert_int_equal(report_display_width("Cafe\xcc\x81"), 4);  /* e + combining acute */
	assert_int_equal(report_display_width("Caf\xc3\xa9"), 4);   /* precomposed é */
	assert_int_equal(report_display_width("\xef\xbc\xa1"), 2);  /* fullwidth A */
	assert_int_equal(report_display_width("\xff"), 1);          /* not UTF-8: one column */
	assert_int_equal(report_display_width(""), 0);
}

static void table_aligns(void **state)
{
	(void)state;
	char path[4200];
	snprintf(path, sizeof path, "%s/t.txt", tl_tmpdir());
	FILE *f = fopen(path, "w+");
	static const char *const head[] = { "site", "pages", "url" };
	struct text_table *t = text_table_new(3, head);
	text_table_right(t, 1);
	text_table_rowf(t, "%s\t%d\t%s", "\xe3\x82\xb8\xe3\x83\xa5\xe3\x82\xa4\xe3\x83\xbc", 12, "/juyee");
	text_table_rowf(t, "%s\t%d\t%s", "Guest", 3, "/guest");
	text_table_rowf(t, "%s\t%d\t%s", "Cafe\xcc\x81", 1, "/cafe");
	text_table_print(t, f, "  ");
	text_table_free(t);
	fclose(f);
	char *s = rt_slurp(path);
	assert_string_equal(s, "  site      pages  url\n"
			       "  \xe3\x82\xb8\xe3\x83\xa5\xe3\x82\xa4\xe3\x83\xbc     12  /juyee\n"
			       "  Guest         3  /guest\n"
			       "  Cafe\xcc\x81          1  /cafe\n");
	free(s);
}

/* Display column where `needle` starts on line. */
static size_t col_of(const char *line, const char *at)
{
	char *pre = strndup(line, (size_t)(at - line));
	size_t w = report_display_width(pre);
	free(pre);
	return w;
}

static void juyee_sites_align(void **state)
{
	(void)state;
	char name[128], uri[512];
	tl_fixture_dbname("lr62-mysql-juyee", name, sizeof name);
	tl_mysql_db_uri(name, uri, sizeof uri);
	struct strbuf out = STRBUF_INIT;
	int rc = tl_run(&out, NULL, "inspect", uri, NULL);
	assert_in_range(rc, 0, 2);
	/* every line holding a friendly URL "/..." cell of the sites table: the
	 * URL column starts at the same display column on each */
	const char *s = strbuf_str(&out);
	const char *sec = strstr(s, "friendly URL"); /* inspect_text.c's sites header */
	assert_non_null(sec);
	const char *ls = sec;
	while (ls > s && ls[-1] != '\n')
		ls--;
	size_t want = col_of(ls, sec);
	int rows = 0, wide = 0;
	for (const char *line = strchr(sec, '\n') + 1; *line && *line != '\n'; line = strchr(line, '\n') + 1) {
		const char *end = strchr(line, '\n');
		char *l = strndup(line, (size_t)(end - line));
		const char *url = strstr(l, "  /");
		if (url) {
			assert_int_equal(col_of(l, url + 2), want);
			rows++;
			wide += report_display_width(l) != strlen(l);
		}
		free(l);
	}
	print_message("%d site rows aligned, %d with wide characters\n", rows, wide);
	assert_int_equal(rows, 13); /* the fixture's 13 listed groups (fixtures/README.md) */
	assert_int_equal(wide, 3);  /* three of them have Chinese names */
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(widths), cmocka_unit_test(table_aligns),
					    cmocka_unit_test(juyee_sites_align) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
