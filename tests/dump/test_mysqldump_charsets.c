/* Text arrives in UTF-8 whatever the dump's charsets: string literals are
 * read in the connection charset (SET NAMES, or an introducer), MySQL's
 * latin1 being Windows-1252; what a latin1 column cannot hold becomes '?',
 * as the server stores it; blobs stay byte-exact. */
#include "dumptest.h"
#include "dump/load.h"

#define LT "CREATE TABLE `l` (`id` int(11), `s` varchar(20), `b` blob) ENGINE=InnoDB DEFAULT CHARSET=latin1;\n"
#define LT_EV "table l(id int(11),s varchar(20),b blob) pk() cs=latin1\n"

static void set_names_latin1_reads_cp1252(void **state)
{
	(void)state;
	DT_EXPECT("/*!40101 SET NAMES latin1 */;\n" LT
		  "INSERT INTO `l` VALUES (1,'caf\xe9 \x80 \x9f \x81 \xff','\x80\xe9\xff');\n",
		  LT_EV "row l i:1 s:caf\xc3\xa9 \xe2\x82\xac \xc5\xb8 \xc2\x81 \xc3\xbf x:\\x80\\xe9\\xff\n");
}

static void utf8_text_in_a_latin1_column_keeps_what_latin1_holds(void **state)
{
	(void)state;
	/* é and € exist in latin1 (cp1252); 中 and 😀 do not */
	DT_EXPECT("/*!40101 SET NAMES utf8mb4 */;\n" LT
		  "INSERT INTO `l` VALUES (1,'caf\xc3\xa9 \xe2\x82\xac \xe4\xb8\xad \xf0\x9f\x98\x80','\xc3\xa9');\n",
		  LT_EV "row l i:1 s:caf\xc3\xa9 \xe2\x82\xac ? ? x:\\xc3\\xa9\n");
}

static void introducers_and_hex_follow_their_charset(void **state)
{
	(void)state;
	DT_EXPECT("SET NAMES utf8;\nCREATE TABLE u (s varchar(20), c varchar(20) CHARACTER SET latin1) DEFAULT CHARSET=utf8mb4;\n"
		  "INSERT INTO u VALUES (_latin1'\xe9t\xe9',X'E9'),(_binary'\xc3\xa9',_utf8mb4 0xC3A9);\n",
		  "table u(s varchar(20),c varchar(20) cs=latin1) pk() cs=utf8mb4\n"
		  "row u s:\xc3\xa9t\xc3\xa9 s:\xc3\xa9\nrow u s:\xc3\xa9 s:\xc3\xa9\n");
}

static void the_latin1_fixture_reads_correctly(void **state)
{
	(void)state;
	/* viking: latin1 tables, SET NAMES utf8, so the file holds UTF-8 */
	const char *fx = tl_fixture("lr61-mysql-viking.sql.xz");
	char out[4200];
	snprintf(out, sizeof out, "%s/viking.db", tl_tmpdir());
	struct lr_err err = LR_ERR_INIT;
	struct dump_load_stats st;
	int liferay = 0;
	if (dump_import_sqlite(fx, NULL, out, NULL, &st, &liferay, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(liferay, 1);
	struct db *db = tl_open(out);
	struct db_cursor *c;
	assert_int_equal(db_query(db, "SELECT name FROM region WHERE regionCode = ? AND countryId = 3",
				  (struct db_value[]){ db_text("I") }, 1, &c, &err), 0);
	assert_int_equal(db_next(c, &err), 1);
	assert_string_equal(db_get_text(c, 0), "Franche Comt\xc3\xa9");
	db_cursor_close(c);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM region WHERE name = 'Baden-W\xc3\xbcrttemberg'"), 1);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_names_latin1_reads_cp1252),
		cmocka_unit_test(utf8_text_in_a_latin1_column_keeps_what_latin1_holds),
		cmocka_unit_test(introducers_and_hex_follow_their_charset),
		cmocka_unit_test(the_latin1_fixture_reads_correctly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
