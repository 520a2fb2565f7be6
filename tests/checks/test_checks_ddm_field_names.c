/* Field names of DDM structures: 6.2 XML (dynamic-element name attributes,
 * nested ones, options left out, comments and CDATA skipped, entities
 * decoded) and 7.x JSON (fields[].name with nestedFields); the first
 * duplicate (any case); and no crash or over-read on damaged input
 * (mutations of both, under ASan). */
#include "testlib.h"
#include "checks/ddmfields.h"
#include <stdlib.h>
#include <string.h>

static char *joined(const char *doc, int json, int *rc)
{
	struct ddm_names n = { 0 };
	struct strbuf sb = STRBUF_INIT;
	*rc = json ? ddm_json_field_names(doc, strlen(doc), &n) : ddm_xml_field_names(doc, strlen(doc), &n);
	for (size_t i = 0; i < n.n; i++)
		strbuf_addf(&sb, "%s%s", i ? "," : "", n.v[i]);
	ddm_names_release(&n);
	return strbuf_detach(&sb, NULL);
}

static const char xml62[] =
	"<?xml version=\"1.0\"?>\n<root available-locales=\"en_US\" default-locale=\"en_US\">"
	"<!-- <dynamic-element name=\"commented\"/> -->"
	"<dynamic-element dataType=\"string\" indexType=\"keyword\" name=\"Title\" type=\"text\">"
	"<meta-data locale=\"en_US\"><entry name=\"label\"><![CDATA[<dynamic-element name=\"cdata\">]]>"
	"</entry></meta-data>"
	"<dynamic-element name='Sub&amp;Title' type=\"text\"/>"
	"</dynamic-element>"
	"<dynamic-element\n name=\"Kind\" type=\"select\">"
	"<dynamic-element name=\"option1\" type=\"option\" value=\"a\"/>"
	"<dynamic-element name=\"option2\" type=\"option\" value=\"b\"/>"
	"</dynamic-element><dynamic-elements name=\"notatag\"/></root>";

static const char json7[] =
	"{\"availableLanguageIds\":[\"en_US\"],\"fields\":[{\"name\":\"Title\",\"type\":\"text\","
	"\"options\":[{\"value\":\"x\"}],\"nestedFields\":[{\"name\":\"Sub\",\"nestedFields\":"
	"[{\"name\":\"title\"}]}]},{\"name\":\"Body\"}]}";

static void xml(void **state)
{
	(void)state;
	int rc;
	char *s = joined(xml62, 0, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(s, "Title,Sub&Title,Kind");
	free(s);
	s = joined("<root><dynamic-element name=\"a\" type=\"text\"", 0, &rc);
	assert_int_equal(rc, -1); /* unterminated tag */
	assert_string_equal(s, "");
	free(s);
}

static void json(void **state)
{
	(void)state;
	int rc;
	char *s = joined(json7, 1, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(s, "Title,Sub,title,Body");
	free(s);
	s = joined("{\"fields\":[{\"name\":", 1, &rc);
	assert_int_equal(rc, -1);
	free(s);
}

static void duplicates(void **state)
{
	(void)state;
	struct ddm_names n = { 0 };
	assert_int_equal(ddm_json_field_names(json7, strlen(json7), &n), 0);
	assert_string_equal(ddm_first_duplicate(&n), "title");
	ddm_names_release(&n);
	assert_int_equal(ddm_xml_field_names(xml62, strlen(xml62), &n), 0);
	assert_null(ddm_first_duplicate(&n));
	ddm_names_release(&n);
}

/* Deterministic mutations: truncations, byte flips, inserted quotes/brackets.
 * The parsers must neither crash nor read outside the buffer (ASan). */
static void mutations(void **state)
{
	(void)state;
	const char *docs[2] = { xml62, json7 };
	unsigned seed = 12345;
	static const char noise[] = "<>\"'=/!-[]{}:,&; \n\\";
	for (int d = 0; d < 2; d++) {
		size_t len = strlen(docs[d]);
		for (int iter = 0; iter < 3000; iter++) {
			char *buf = malloc(len); /* no terminator: over-reads show up under ASan */
			memcpy(buf, docs[d], len);
			size_t cut = len;
			for (int k = 0; k < 4; k++) {
				seed = seed * 1103515245u + 12345u;
				size_t at = (seed >> 8) % len;
				buf[at] = noise[(seed >> 20) % (sizeof noise - 1)];
			}
			if (iter % 3 == 0) {
				seed = seed * 1103515245u + 12345u;
				cut = (seed >> 8) % len;
			}
			struct ddm_names n = { 0 };
			if (d == 0)
				ddm_xml_field_names(buf, cut, &n);
			else
				ddm_json_field_names(buf, cut, &n);
			(void)ddm_first_duplicate(&n);
			ddm_names_release(&n);
			free(buf);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xml),
		cmocka_unit_test(json),
		cmocka_unit_test(duplicates),
		cmocka_unit_test(mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
