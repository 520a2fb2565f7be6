/* Java .properties parsing on the shapes real portal-ext.properties files
 * have: every separator, comments, continuation lines, escapes, Latin-1
 * bytes, CRLF, include-and-override, and last-value-wins. */
#include "testlib.h"
#include "util/props.h"
#include <stdio.h>
#include <string.h>

static struct props *parse(const char *text)
{
	struct props *p = props_new();
	props_parse(p, text, strlen(text));
	return p;
}

static void mysql_portal_ext(void **state)
{
	(void)state;
	struct props *p = parse(
		"#\n"
		"# MySQL\n"
		"#\n"
		"    jdbc.default.driverClassName=com.mysql.jdbc.Driver\n"
		"    jdbc.default.url=jdbc:mysql://localhost/lportal?useUnicode=true&characterEncoding=UTF-8&useFastDateParsing=false\n"
		"    jdbc.default.username=liferay\n"
		"    jdbc.default.password=s3cret#not-a-comment\n"
		"\n"
		"liferay.home=/opt/liferay-portal-6.2-ce-ga6\n"
		"! old style comment\n"
		"setup.wizard.enabled=false\n");
	assert_int_equal(props_count(p), 6);
	assert_string_equal(props_get(p, "jdbc.default.driverClassName"), "com.mysql.jdbc.Driver");
	assert_string_equal(props_get(p, "jdbc.default.url"),
			    "jdbc:mysql://localhost/lportal?useUnicode=true&characterEncoding=UTF-8&useFastDateParsing=false");
	assert_string_equal(props_get(p, "jdbc.default.username"), "liferay");
	assert_string_equal(props_get(p, "jdbc.default.password"), "s3cret#not-a-comment");
	assert_string_equal(props_get(p, "setup.wizard.enabled"), "false");
	assert_null(props_get(p, "# MySQL"));
	assert_null(props_get(p, "! old style comment"));
	props_free(p);
}

static void separators_and_spaces(void **state)
{
	(void)state;
	struct props *p = parse(
		"a = 1\n"
		"b:2\n"
		"c 3\n"
		"d\t:\t 4 \n"
		"e    =    five words here\n"
		"f=\n"
		"g\n"
		"h==x\n"
		"i : : y\n"
		"j = = z\n");
	assert_string_equal(props_get(p, "a"), "1");
	assert_string_equal(props_get(p, "b"), "2");
	assert_string_equal(props_get(p, "c"), "3");
	assert_string_equal(props_get(p, "d"), "4 "); /* trailing whitespace is kept */
	assert_string_equal(props_get(p, "e"), "five words here");
	assert_string_equal(props_get(p, "f"), "");
	assert_string_equal(props_get(p, "g"), "");
	assert_string_equal(props_get(p, "h"), "=x");
	assert_string_equal(props_get(p, "i"), ": y");
	assert_string_equal(props_get(p, "j"), "= z");
	assert_int_equal(props_count(p), 10);
	props_free(p);
}

static void continuation_lines(void **state)
{
	(void)state;
	struct props *p = parse(
		"jdbc.default.url=jdbc:postgresql://db.example.com:5432/lportal\\\n"
		"        ?ssl=true\n"
		"layout.static.portlets.all=\\\n"
		"    com_liferay_journal,\\\n"
		"    com_liferay_blogs\n"
		"even.backslashes=C:\\\\temp\\\\\n"
		"next=after\n"
		"# a comment ending in a backslash does not continue \\\n"
		"kept=yes\n"
		"last.line=ends\\");
	assert_string_equal(props_get(p, "jdbc.default.url"), "jdbc:postgresql://db.example.com:5432/lportal?ssl=true");
	assert_string_equal(props_get(p, "layout.static.portlets.all"), "com_liferay_journal,com_liferay_blogs");
	assert_string_equal(props_get(p, "even.backslashes"), "C:\\temp\\");
	assert_string_equal(props_get(p, "next"), "after");
	assert_string_equal(props_get(p, "kept"), "yes");
	assert_string_equal(props_get(p, "last.line"), "ends");
	assert_int_equal(props_count(p), 6);
	props_free(p);
}

static void escapes_and_unicode(void **state)
{
	(void)state;
	struct props *p = parse(
		"company.default.name=Caf\\u00e9 \\u4ea4\\u901a\n"
		"emoji=\\ud83d\\ude00\n"
		"tabs=a\\tb\\nc\\rd\\fe\n"
		"key\\ with\\ spaces = v\n"
		"key\\=eq\\:colon=w\n"
		"\\#not-comment=x\n"
		"other\\q=\\q\n"
		"upper=\\u00C9\n");
	assert_string_equal(props_get(p, "company.default.name"), "Caf\xc3\xa9 \xe4\xba\xa4\xe9\x80\x9a");
	assert_string_equal(props_get(p, "emoji"), "\xf0\x9f\x98\x80");
	assert_string_equal(props_get(p, "tabs"), "a\tb\nc\rd\fe");
	assert_string_equal(props_get(p, "key with spaces"), "v");
	assert_string_equal(props_get(p, "key=eq:colon"), "w");
	assert_string_equal(props_get(p, "#not-comment"), "x");
	assert_string_equal(props_get(p, "otherq"), "q");
	assert_string_equal(props_get(p, "upper"), "\xc3\x89");
	props_free(p);
}

static void latin1_bytes_become_utf8(void **state)
{
	(void)state;
	/* Properties files are ISO-8859-1: 0xE9 is é, 0xFC is ü */
	struct props *p = parse("company.default.name=Soci\xe9t\xe9 M\xfcller\n");
	assert_string_equal(props_get(p, "company.default.name"), "Soci\xc3\xa9t\xc3\xa9 M\xc3\xbcller");
	props_free(p);
}

static void windows_crlf_and_cr(void **state)
{
	(void)state;
	struct props *p = parse("jdbc.default.username=sa\r\n"
				"jdbc.default.password=\r\n"
				"a=1\\\r\n"
				"   2\r\n"
				"old.mac=yes\rnext=ok\r");
	assert_string_equal(props_get(p, "jdbc.default.username"), "sa");
	assert_string_equal(props_get(p, "jdbc.default.password"), "");
	assert_string_equal(props_get(p, "a"), "12");
	assert_string_equal(props_get(p, "old.mac"), "yes");
	assert_string_equal(props_get(p, "next"), "ok");
	assert_int_equal(props_count(p), 5);
	props_free(p);
}

static void last_value_wins_and_merge(void **state)
{
	(void)state;
	struct props *p = parse("jdbc.default.url=jdbc:mysql://old/lportal\n"
				"include-and-override=portal-developer.properties\n"
				"jdbc.default.url=jdbc:mysql://new/lportal\n");
	assert_string_equal(props_get(p, "jdbc.default.url"), "jdbc:mysql://new/lportal");
	assert_string_equal(props_get(p, "include-and-override"), "portal-developer.properties");
	const char *more = "jdbc.default.url = jdbc:mariadb://third/lportal";
	props_parse(p, more, strlen(more));
	assert_string_equal(props_get(p, "jdbc.default.url"), "jdbc:mariadb://third/lportal");
	assert_int_equal(props_count(p), 2);
	props_free(p);
}

static void jndi_portal_ext(void **state)
{
	(void)state;
	struct props *p = parse("# Tomcat context.xml defines jdbc/LiferayPool\n"
				"jdbc.default.jndi.name=jdbc/LiferayPool\n"
				"#jdbc.default.url=jdbc:mysql://localhost/lportal\n");
	assert_string_equal(props_get(p, "jdbc.default.jndi.name"), "jdbc/LiferayPool");
	assert_null(props_get(p, "jdbc.default.url"));
	assert_int_equal(props_count(p), 1);
	props_free(p);
}

static void load_file_missing_and_present(void **state)
{
	(void)state;
	struct lr_err err = LR_ERR_INIT;
	char path[4200];
	snprintf(path, sizeof path, "%s/portal-ext.properties", tl_tmpdir());
	struct props *p = props_new();
	assert_int_equal(props_load_file(p, path, &err), 1);
	assert_int_equal(err.code, 0);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("jdbc.default.driverClassName=org.mariadb.jdbc.Driver\r\n"
	      "jdbc.default.url=jdbc:mariadb://127.0.0.1:3306/lportal\r\n", f);
	fclose(f);
	assert_int_equal(props_load_file(p, path, &err), 0);
	assert_string_equal(props_get(p, "jdbc.default.url"), "jdbc:mariadb://127.0.0.1:3306/lportal");
	assert_int_equal(props_count(p), 2);
	props_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mysql_portal_ext),
		cmocka_unit_test(separators_and_spaces),
		cmocka_unit_test(continuation_lines),
		cmocka_unit_test(escapes_and_unicode),
		cmocka_unit_test(latin1_bytes_become_utf8),
		cmocka_unit_test(windows_crlf_and_cr),
		cmocka_unit_test(last_value_wins_and_merge),
		cmocka_unit_test(jndi_portal_ext),
		cmocka_unit_test(load_file_missing_and_present),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
