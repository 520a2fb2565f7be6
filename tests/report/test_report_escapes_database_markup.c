/* A site named <script>alert(1)</script> and web content titled
 * "><img src=x onerror=alert(1)> reach the HTML report only as text: every
 * value from the database is escaped, in tables and in SVG labels alike.
 * (The browser test proves no dialog opens; this one pins the bytes.) */
#include "rtest.h"
#include <stdlib.h>
#include <string.h>

static const char *const SITE = "<script>alert(1)</script>";
static const char *const TITLE = "\"><img src=x onerror=alert(1)>";

static void hostile_names_are_escaped(void **state)
{
	(void)state;
	const char *path = rt_sample("xss.db");
	struct db *db = tl_open(path);
	struct lr_err err = LR_ERR_INIT;
	struct db_value site[] = { db_text(SITE), db_text("Site 1") };
	struct db_value title[] = { db_text(TITLE), db_text("Marketing (Staging)") };
	int64_t n1 = 0, n2 = 0;
	assert_int_equal(db_exec(db, "UPDATE Group_ SET name = ? WHERE name = ?", site, 2, &n1, &err), 0);
	/* the staging site's articles are unpublished changes: their titles are listed */
	assert_int_equal(db_exec(db, "UPDATE JournalArticle SET title = ? WHERE groupId IN "
				     "(SELECT groupId FROM Group_ WHERE name = ?)", title, 2, &n2, &err), 0);
	assert_int_equal(n1, 1);
	assert_int_equal(n2, 6);
	db_close(db);

	char html[4200];
	snprintf(html, sizeof html, "%s/xss.html", tl_tmpdir());
	struct strbuf out = STRBUF_INIT;
	int rc = tl_run(&out, NULL, "report", path, "-o", html, NULL);
	assert_int_equal(rc, 2);
	char *page = rt_slurp(html);

	/* present, as text: the sites table row and the sites chart label + its tooltip */
	assert_int_equal(rt_count(page, "&lt;script&gt;alert(1)&lt;/script&gt;"), 3);
	/* staging changes table: the staging site's two unpublished web content rows */
	assert_int_equal(rt_count(page, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), 2);
	/* never as markup */
	assert_null(strstr(page, SITE));
	assert_null(strstr(page, "<img"));
	assert_int_equal(rt_count(page, "onerror"), rt_count(page, "img src=x onerror=alert(1)&gt;"));
	/* the page's own script is the only one, and it carries no data */
	assert_int_equal(rt_count(page, "<script"), 1);
	assert_null(strstr(strstr(page, "<script>"), "alert"));
	/* nothing loaded from anywhere: no src=, no link, no external URL but the SVG namespace */
	assert_null(strstr(page, "src=\""));
	assert_null(strstr(page, "href=\"http"));
	assert_null(strstr(page, "<link"));
	assert_null(strstr(page, "url("));
	assert_int_equal(rt_count(page, "http://") + rt_count(page, "https://"),
			 rt_count(page, "xmlns=\"http://www.w3.org/2000/svg\""));
	free(page);
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(hostile_names_are_escaped) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
