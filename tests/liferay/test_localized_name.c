/* Site and page names in 7.x are localized XML: the report shows the
 * default-language value; 6.x plain names pass through unchanged. */
#include "testlib.h"
#include "liferay/inventory.h"
#include <stdlib.h>
#include <string.h>

static void check(const char *in, const char *want)
{
	char *got = lr_localized_value(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void default_locale_value(void **state)
{
	(void)state;
	check("<?xml version='1.0' encoding='UTF-8'?><root available-locales=\"en_US\" default-locale=\"en_US\">"
	      "<Name language-id=\"en_US\">Guest</Name></root>", "Guest");
	check("<root available-locales=\"en_US,ja_JP\" default-locale=\"ja_JP\"><Name language-id=\"en_US\">Forms"
	      "</Name><Name language-id=\"ja_JP\">\xe3\x83\x95\xe3\x82\xa9\xe3\x83\xbc\xe3\x83\xa0</Name></root>",
	      "\xe3\x83\x95\xe3\x82\xa9\xe3\x83\xbc\xe3\x83\xa0");
}

static void fallbacks(void **state)
{
	(void)state;
	/* default locale missing from the values: en_US, then the first one */
	check("<root default-locale=\"de_DE\"><Name language-id=\"ca_ES\">Blog</Name>"
	      "<Name language-id=\"en_US\">Blog EN</Name></root>", "Blog EN");
	check("<root default-locale=\"de_DE\"><Name language-id=\"ca_ES\">Wiki</Name></root>", "Wiki");
	check("<root default-locale=\"en_US\"><Name language-id=\"en_US\">R&amp;D &lt;Team&gt;</Name></root>",
	      "R&D <Team>");
	check("<root default-locale=\"en_US\"><Name language-id=\"en_US\"><![CDATA[A & B]]></Name></root>", "A & B");
}

static void plain_names_unchanged(void **state)
{
	(void)state;
	check("Guest", "Guest");
	check("\xe7\xbb\xbc\xe5\x90\x88\xe4\xbf\xa1\xe6\x81\xaf LFR_ORGANIZATION",
	      "\xe7\xbb\xbc\xe5\x90\x88\xe4\xbf\xa1\xe6\x81\xaf LFR_ORGANIZATION");
	check("10196", "10196");
	assert_null(lr_localized_value(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_locale_value),
		cmocka_unit_test(fallbacks),
		cmocka_unit_test(plain_names_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
