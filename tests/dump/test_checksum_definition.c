/* The per-table checksum follows its written definition (docs/checksum.md):
 * canonical values, columns by lower-cased name, 0x1F-joined rows hashed
 * with XXH3-64, the hashes summed. The expected sums were computed
 * independently from the definition: the row texts written with printf,
 * hashed with `xxhsum -H3` (Debian package xxhash), summed in Python. */
#include "dumptest.h"
#include "db/checksum.h"
#include <stdlib.h>

static void canonical_forms(void **state)
{
	(void)state;
	struct {
		struct db_value v;
		const char *want;
	} cases[] = {
		{ { DB_NULL, 0, 0, NULL, 0 }, "\\N" },
		{ { DB_INT, -42, 0, NULL, 0 }, "-42" },
		{ { DB_BOOL, 1, 0, NULL, 0 }, "1" },
		{ { DB_REAL, 0, 0.1, NULL, 0 }, "0.1" },
		{ { DB_REAL, 0, 1e300, NULL, 0 }, "1e+300" },
		{ { DB_REAL, 0, -2.0, NULL, 0 }, "-2" },
		{ { DB_REAL, 0, 1.0 / 3.0, NULL, 0 }, "0.3333333333333333" },
		{ { DB_DECIMAL, 0, 0, "1.500", 5 }, "1.5" },
		{ { DB_DECIMAL, 0, 0, "10.000", 6 }, "10" },
		{ { DB_DECIMAL, 0, 0, "100", 3 }, "100" },
		{ { DB_DECIMAL, 0, 0, "-0.0100", 7 }, "-0.01" },
		{ { DB_DATE, 0, 0, "2016-07-06 09:43:01", 19 }, "2016-07-06 09:43:01" },
		{ { DB_DATE, 0, 0, "2016-07-06 09:43:01.000000", 26 }, "2016-07-06 09:43:01" },
		{ { DB_DATE, 0, 0, "2016-07-06 09:43:01.120000", 26 }, "2016-07-06 09:43:01.12" },
		{ { DB_DATE, 0, 0, "2016-07-06", 10 }, "2016-07-06 00:00:00" },
		{ { DB_DATE, 0, 0, "2016-07-06T09:43:01", 19 }, "2016-07-06 09:43:01" },
		{ { DB_TEXT, 0, 0, "caf\xc3\xa9", 5 }, "caf\xc3\xa9" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf sb = STRBUF_INIT;
		db_value_canonical(&cases[i].v, &sb);
		assert_string_equal(strbuf_str(&sb), cases[i].want);
		strbuf_release(&sb);
	}
	struct strbuf sb = STRBUF_INIT;
	struct db_value blob = { DB_BLOB, 0, 0, "x\0y", 3 };
	db_value_canonical(&blob, &sb);
	assert_int_equal(sb.len, 3);
	assert_memory_equal(sb.buf, "x\0y", 3);
	strbuf_release(&sb);
}

static void table_sum_is_the_defined_xxh3_sum(void **state)
{
	(void)state;
	char path[4200];
	snprintf(path, sizeof path, "%s/sum.db", tl_tmpdir());
	struct db *db = tl_open(path);
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_exec(db,
				 "CREATE TABLE \"T\" (\"id\" bigint(20), \"Zeta\" varchar(10), \"flag\" tinyint(1),"
				 " \"When\" datetime(6), \"amount\" DECIMAL_TEXT(10,3), \"ratio\" double, \"data\" longblob);"
				 "INSERT INTO \"T\" VALUES (2, 'é', 1, '2016-07-06', '10.000', -2.0, x'');"
				 "INSERT INTO \"T\" VALUES (1, 'Ab', NULL, '2016-07-06 09:43:01.500000', '1.500', 0.1, x'780079');",
				 NULL, 0, NULL, &err), 0);
	struct table_sum s;
	assert_int_equal(db_table_checksum(db, "t", &s, &err), 0);
	assert_int_equal(s.rows, 2);
	assert_string_equal(s.hex, "a012ac19fd597392");
	/* one row alone: its own hash */
	assert_int_equal(db_exec(db, "DELETE FROM \"T\" WHERE \"id\" = 2", NULL, 0, NULL, &err), 0);
	assert_int_equal(db_table_checksum(db, "T", &s, &err), 0);
	assert_string_equal(s.hex, "48bbf9ee25f2d4d5");
	/* any change of a value changes the sum */
	assert_int_equal(db_exec(db, "UPDATE \"T\" SET \"Zeta\" = 'AB'", NULL, 0, NULL, &err), 0);
	assert_int_equal(db_table_checksum(db, "T", &s, &err), 0);
	assert_string_not_equal(s.hex, "48bbf9ee25f2d4d5");
	assert_int_equal(db_table_checksum(db, "nosuch", &s, &err), -1);
	db_close(db);
}

/* A real's text that db_real_text_is_canonical accepts must be exactly the
 * canonical text of the double it reads as: checked over many spellings of
 * many doubles (shortest, fixed, padded, exponent forms). */
static void real_text_fast_path_agrees_with_definition(void **state)
{
	(void)state;
	const char *must[] = { "0", "-0", "1", "-2", "15", "0.1", "1.5", "-0.25", "0.0001",
			       "123456789012345", "2.718281828459", "16777217" };
	const char *mustnot[] = { "10", "1.50", "0.00001", "1e20", "1E+20", "01", ".5", "5.",
				  "1.2345678901234567", "nan", "", "-", "1.5x", "0.0" };
	for (size_t i = 0; i < sizeof must / sizeof *must; i++)
		assert_true(db_real_text_is_canonical(must[i], strlen(must[i])));
	for (size_t i = 0; i < sizeof mustnot / sizeof *mustnot; i++)
		assert_false(db_real_text_is_canonical(mustnot[i], strlen(mustnot[i])));
	uint64_t x = 88172645463325252ULL; /* xorshift: a fixed, varied set */
	int accepted = 0;
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double d;
		switch (i % 4) {
		case 0: d = (double)(int64_t)(x % 2000001) / 1000.0 - 1000.0; break;
		case 1: d = (double)(x >> 11) / (double)(1ULL << (x % 60)); break;
		case 2: d = (double)(int64_t)(x % 100000) / 10.0; break;
		default: memcpy(&d, &x, sizeof d); break;
		}
		if (d != d || d - d != 0) /* NaN, infinities */
			continue;
		char txt[64];
		for (int form = 0; form < 19; form++) {
			if (form < 17)
				snprintf(txt, sizeof txt, "%.*g", form + 1, d);
			else
				snprintf(txt, sizeof txt, form == 17 ? "%.3f" : "%.0f", d);
			if (!db_real_text_is_canonical(txt, strlen(txt)))
				continue;
			accepted++;
			struct db_value v = { DB_REAL, 0, strtod(txt, NULL), NULL, 0 };
			struct strbuf sb = STRBUF_INIT;
			db_value_canonical(&v, &sb);
			if (strcmp(sb.buf, txt))
				fail_msg("%s is accepted as canonical, but the definition gives %s", txt, sb.buf);
			strbuf_release(&sb);
		}
	}
	assert_true(accepted > 100000); /* the property was tried, not vacuous */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(canonical_forms),
		cmocka_unit_test(table_sum_is_the_defined_xxh3_sum),
		cmocka_unit_test(real_text_fast_path_agrees_with_definition),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
