/* Connection URIs: every scheme and part, percent-decoding, IPv6, query keys,
 * unknown schemes, where passwords come from (URI, LRPREP_PASSWORD, ~/.my.cnf,
 * ~/.pgpass with its permission rule), and describe() never showing one. */
#include "testlib.h"
#include "db/uri.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct db_conninfo parse_ok(const char *uri)
{
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	if (db_uri_parse(uri, &ci, &err) < 0)
		fail_msg("%s: %s", uri, err.msg);
	return ci;
}

static void parse_bad(const char *uri, const char *msg_part)
{
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_uri_parse(uri, &ci, &err), -1);
	assert_int_equal(err.code, LR_EXIT_USAGE);
	if (!strstr(err.msg, msg_part))
		fail_msg("%s: message \"%s\" lacks \"%s\"", uri, err.msg, msg_part);
}

static void eq(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got ? got : "(null)", want);
}

/* HOME pointing at a fresh directory, no LRPREP_PASSWORD, no PGPASSFILE. */
static const char *fresh_home(const char *name)
{
	static char dir[4200];
	snprintf(dir, sizeof dir, "%s/%s", tl_tmpdir(), name);
	mkdir(dir, 0700);
	setenv("HOME", dir, 1);
	unsetenv("LRPREP_PASSWORD");
	unsetenv("PGPASSFILE");
	return dir;
}

static void write_file(const char *dir, const char *name, const char *text, mode_t mode)
{
	char path[4400];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static void parses_every_part_of_server_uris(void **state)
{
	(void)state;
	fresh_home("empty");
	struct db_conninfo ci = parse_ok("mariadb://lrprep:lrtest@127.0.0.1:33306/lportal");
	assert_int_equal(ci.engine, DB_MARIADB);
	eq(ci.user, "lrprep");
	eq(ci.password, "lrtest");
	eq(ci.host, "127.0.0.1");
	assert_int_equal(ci.port, 33306);
	eq(ci.dbname, "lportal");
	eq(ci.socket, NULL);
	db_conninfo_release(&ci);

	ci = parse_ok("mysql://liferay@db.example.com/lportal?socket=/var/run/mysqld/mysqld.sock&sslmode=REQUIRED");
	assert_int_equal(ci.engine, DB_MARIADB);
	eq(ci.host, "db.example.com");
	assert_int_equal(ci.port, 0);
	eq(ci.password, NULL);
	eq(ci.socket, "/var/run/mysqld/mysqld.sock");
	db_conninfo_release(&ci);

	ci = parse_ok("postgresql://u%C3%A9:p%40ss%3Aw%2F@[::1]:5433/my%20db?sslmode=require");
	assert_int_equal(ci.engine, DB_PGSQL);
	eq(ci.user, "ué");
	eq(ci.password, "p@ss:w/");
	eq(ci.host, "::1");
	assert_int_equal(ci.port, 5433);
	eq(ci.dbname, "my db");
	db_conninfo_release(&ci);

	ci = parse_ok("postgres://liferay@/lportal?host=/var/run/postgresql");
	assert_int_equal(ci.engine, DB_PGSQL);
	eq(ci.host, NULL);
	eq(ci.socket, "/var/run/postgresql");
	eq(ci.dbname, "lportal");
	db_conninfo_release(&ci);

	/* an unescaped @ in the password: the last @ ends the user info */
	ci = parse_ok("MariaDB://u:p@ss@h");
	assert_int_equal(ci.engine, DB_MARIADB);
	eq(ci.user, "u");
	eq(ci.password, "p@ss");
	eq(ci.host, "h");
	eq(ci.dbname, NULL);
	db_conninfo_release(&ci);

	ci = parse_ok("mariadb://[fe80::1%25eth0]/x");
	eq(ci.host, "fe80::1%eth0");
	assert_int_equal(ci.port, 0);
	db_conninfo_release(&ci);

	ci = parse_ok("sqlite:///tmp/lportal.db");
	assert_int_equal(ci.engine, DB_SQLITE);
	eq(ci.path, "/tmp/lportal.db");
	db_conninfo_release(&ci);
	ci = parse_ok("sqlite:copies/my%20copy.db?mode=ro");
	eq(ci.path, "copies/my copy.db");
	assert_int_equal(ci.readonly, 1);
	db_conninfo_release(&ci);

	assert_true(db_is_uri("mariadb://h/db"));
	assert_true(db_is_uri("sqlite:x.db"));
	assert_true(db_is_uri("oracle://h/db"));
	assert_false(db_is_uri("/tmp/lportal.db"));
	assert_false(db_is_uri("lportal.sql.xz"));
	assert_false(db_is_uri("./mariadb://x"));
	assert_false(db_is_uri(""));

	parse_bad("mariadb://h:99999/x", "bad port '99999'");
	parse_bad("mariadb://h:3x/x", "bad port '3x'");
	parse_bad("mariadb://::1/x", "must be in brackets");
	parse_bad("mariadb://[::1/x", "unterminated");
	parse_bad("mariadb://u:%zz@h/x", "bad percent-encoding in the password");
	parse_bad("mariadb://h/a%00b", "bad percent-encoding in the database name");
	parse_bad("postgresql:lportal", "a postgresql URI starts with postgresql://");
}

static void unknown_scheme_is_a_usage_error(void **state)
{
	(void)state;
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_uri_parse("oracle://scott:tiger-secret@h:1521/orcl", &ci, &err), -1);
	assert_int_equal(err.code, LR_EXIT_USAGE);
	assert_string_equal(err.msg, "unknown database URI scheme 'oracle' (known: mariadb://, mysql://, "
				     "postgresql://, postgres://, sqlite:)");
	lr_err_clear(&err);
	assert_int_equal(db_uri_parse("lportal.db", &ci, &err), -1);
	assert_int_equal(err.code, LR_EXIT_USAGE);
}

static void password_from_env_then_my_cnf(void **state)
{
	(void)state;
	const char *home = fresh_home("mycnf");
	write_file(home, ".my.cnf",
		   "# client settings\n"
		   "[mysqld]\n"
		   "password = server-side-not-this\n"
		   "[client]\n"
		   "user = cnfuser\n"
		   "password = \"quoted # not a comment\"\n"
		   "[other]\n"
		   "password = nope\n",
		   0600);
	struct db_conninfo ci = parse_ok("mariadb://db.example.com/lportal");
	eq(ci.user, "cnfuser");
	eq(ci.password, "quoted # not a comment");
	db_conninfo_release(&ci);

	/* the URI's user wins over the file's; the URI's password over everything */
	ci = parse_ok("mariadb://liferay:uri-pw@db.example.com/lportal");
	eq(ci.user, "liferay");
	eq(ci.password, "uri-pw");
	db_conninfo_release(&ci);

	setenv("LRPREP_PASSWORD", "from-env", 1);
	ci = parse_ok("mariadb://liferay@db.example.com/lportal");
	eq(ci.password, "from-env");
	db_conninfo_release(&ci);
	unsetenv("LRPREP_PASSWORD");

	write_file(home, ".my.cnf", "[client]\npassword=plain   # trailing comment\n[mariadb]\nport=3307\n", 0600);
	ci = parse_ok("mysql://liferay@h/lportal");
	eq(ci.password, "plain");
	db_conninfo_release(&ci);

	write_file(home, ".my.cnf", "[client]\npassword='it''s'\n", 0600);
	ci = parse_ok("mysql://liferay@h/lportal");
	eq(ci.password, "it");
	db_conninfo_release(&ci);

	write_file(home, ".my.cnf", "[client-server]\npassword=not-ours\n", 0600);
	ci = parse_ok("mysql://liferay@h/lportal");
	eq(ci.password, NULL);
	db_conninfo_release(&ci);
}

static void password_from_pgpass(void **state)
{
	(void)state;
	const char *home = fresh_home("pgpass");
	const char *pgpass = "# host:port:db:user:password\n"
			     "otherhost:*:*:*:nope\n"
			     "db.example.com:5432:lportal:liferay:pg\\:pass\\\\word\n"
			     "localhost:5433:*:liferay:local-socket\n"
			     "*:*:*:*:fallback\n";
	write_file(home, ".pgpass", pgpass, 0600);
	struct db_conninfo ci = parse_ok("postgresql://liferay@db.example.com/lportal");
	eq(ci.password, "pg:pass\\word");
	db_conninfo_release(&ci);

	ci = parse_ok("postgresql://liferay@db.example.com:5433/lportal");
	eq(ci.password, "fallback");
	db_conninfo_release(&ci);

	ci = parse_ok("postgres://liferay@:5433/lportal?host=/run/postgresql");
	eq(ci.password, "local-socket");
	db_conninfo_release(&ci);

	setenv("LRPREP_PASSWORD", "from-env", 1);
	ci = parse_ok("postgresql://liferay@db.example.com/lportal");
	eq(ci.password, "from-env");
	db_conninfo_release(&ci);
	unsetenv("LRPREP_PASSWORD");

	/* readable by others: ignored (with a warning), as libpq does */
	write_file(home, ".pgpass", pgpass, 0644);
	ci = parse_ok("postgresql://liferay@db.example.com/lportal");
	eq(ci.password, NULL);
	db_conninfo_release(&ci);

	/* PGPASSFILE names another file */
	write_file(home, "elsewhere", "*:*:*:liferay:via-pgpassfile\n", 0600);
	char path[4400];
	snprintf(path, sizeof path, "%s/elsewhere", home);
	setenv("PGPASSFILE", path, 1);
	ci = parse_ok("postgresql://liferay@db.example.com/lportal");
	eq(ci.password, "via-pgpassfile");
	db_conninfo_release(&ci);
	unsetenv("PGPASSFILE");
}

static void describe_never_shows_the_password(void **state)
{
	(void)state;
	fresh_home("describe");
	static const struct {
		const char *uri, *want;
	} cases[] = {
		{ "mariadb://lrprep:s3cret@127.0.0.1:33306/lportal", "mariadb://lrprep@127.0.0.1:33306/lportal" },
		{ "mysql://lrprep:s3cret@h/", "mariadb://lrprep@h/" },
		{ "postgresql://u%40x:s3cret@[::1]:5433/my%20db", "postgresql://u%40x@[::1]:5433/my%20db" },
		{ "postgres://u:s3cret@/lportal?host=/run/postgresql", "postgresql://u@/lportal?host=/run/postgresql" },
		{ "mariadb://u:s3cret@localhost/lportal?socket=/tmp/my.sock", "mariadb://u@localhost/lportal?socket=/tmp/my.sock" },
		{ "sqlite:///tmp/x.db", "/tmp/x.db" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct db_conninfo ci = parse_ok(cases[i].uri);
		struct strbuf sb = STRBUF_INIT;
		db_conninfo_describe(&ci, &sb);
		assert_string_equal(strbuf_str(&sb), cases[i].want);
		assert_null(strstr(strbuf_str(&sb), "s3cret"));
		strbuf_release(&sb);
		db_conninfo_release(&ci);
	}
}

/* End to end: the test server's URI without its password connects with the
 * password from ~/.my.cnf. */
static void my_cnf_password_connects(void **state)
{
	(void)state;
	const char *uri = tl_mysql_uri();
	struct db_conninfo ci = parse_ok(uri);
	if (!ci.password)
		fail_msg("test URI has no password");
	char cnf[512];
	snprintf(cnf, sizeof cnf, "[client]\npassword = \"%s\"\n", ci.password);
	struct strbuf desc = STRBUF_INIT;
	db_conninfo_describe(&ci, &desc);
	db_conninfo_release(&ci);
	const char *home = fresh_home("connect");
	write_file(home, ".my.cnf", cnf, 0600);
	struct db *db = tl_open(strbuf_str(&desc));
	assert_int_equal(tl_int(db, "SELECT 6 * 7"), 42);
	db_close(db);
	strbuf_release(&desc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_every_part_of_server_uris),
		cmocka_unit_test(unknown_scheme_is_a_usage_error),
		cmocka_unit_test(password_from_env_then_my_cnf),
		cmocka_unit_test(password_from_pgpass),
		cmocka_unit_test(describe_never_shows_the_password),
		cmocka_unit_test(my_cnf_password_connects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
