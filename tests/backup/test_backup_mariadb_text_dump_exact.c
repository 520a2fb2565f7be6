/* The MariaDB dump reads rows over the text protocol and writes numbers as
 * the server spelled them. Values whose text is not their exact value
 * (FLOAT, ZEROFILL, BIT, DATE, zero fractions, unsigned BIGINT, TINYINT(1)
 * holding 5, every byte that needs escaping at every offset of the 8-byte
 * scan) must still restore identically: the manifest's checksums (taken
 * from the text rows) match the source's db_table_checksum (binary
 * protocol), and so do verify --restore-into and the mariadb client. */
#include "bkfx.h"

static void edge_values_restore_exactly(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	char src[4200], rst[4200], dir[4200];
	bkfx_fresh_db(tl_mysql_uri(), "t_backup_tv_src");
	bkfx_fresh_db(tl_mysql_uri(), "t_backup_tv_rst");
	bkfx_fresh_db(tl_mysql_uri(), "t_backup_tv_cli");
	tl_mysql_db_uri("t_backup_tv_src", src, sizeof src);
	tl_mysql_db_uri("t_backup_tv_rst", rst, sizeof rst);
	snprintf(dir, sizeof dir, "%s", bkfx_f("%s/bk", tmp));
	struct db *db = tl_open(src);
	bkfx_exec(db, "CREATE TABLE Edge_ (id BIGINT NOT NULL PRIMARY KEY, f FLOAT, g FLOAT(7,4), dd DOUBLE(10,3), "
		      "d DOUBLE, b BIT(5), dt DATE, d6 DATETIME(6), tm TIME, z INT(6) ZEROFILL, u BIGINT UNSIGNED, "
		      "t1 TINYINT(1), dc DECIMAL(20,6), txt LONGTEXT, bl LONGBLOB)");
	/* text with every special byte at offsets around the 8-byte words */
	char txt[300];
	size_t tn = 0;
	static const char specials[] = { 0, 26, '\r', '\n', '\\', '\'', '\t', '"' };
	for (int k = 0; k < 260; k++)
		txt[tn++] = (k % 9 == 7 || k % 16 == 8) ? specials[k % 8] : (char)('a' + k % 26);
	memcpy(txt + tn, "\xc3\xbc\xe2\x82\xac", 5); /* ü € */
	tn += 5;
	unsigned char bl[256];
	for (int k = 0; k < 256; k++)
		bl[k] = (unsigned char)k;
	struct lr_err err = LR_ERR_INIT;
	int64_t n;
	for (int i = 1; i <= 6; i++) {
		struct db_value v[15] = {
			db_int(i),
			{ DB_REAL, 0, i == 1 ? 1.0 / 3 : i == 2 ? 16777217.0 : -0.1 * i, 0, 0 },
			{ DB_REAL, 0, 2.71828 * i, 0, 0 },
			{ DB_REAL, 0, 1.0 / 3 * i, 0, 0 },
			{ DB_REAL, 0, i == 1 ? 0.1 + 0.2 : i == 2 ? 5e-324 : i == 3 ? -1.7976931348623157e308 : 1e20 * i, 0, 0 },
			db_int(i == 1 ? 31 : i),
			db_text(i == 1 ? "2020-02-29" : "1999-12-31"),
			db_text(i == 1 ? "2020-02-29 23:59:59.123400" : i == 2 ? "2020-02-29 23:59:59.000000"
									: "2020-01-01 00:00:00.000001"),
			db_text(i == 1 ? "-838:59:59" : "12:34:56"),
			db_int(42 * i),
			db_text(i == 1 ? "9223372036854775807" : i == 2 ? "0" : "7"),
			db_int(i == 1 ? 5 : i % 2),
			{ DB_DECIMAL, 0, 0, i == 1 ? "-12345.678900" : "0.000001", i == 1 ? 13u : 8u },
			{ DB_TEXT, 0, 0, txt + i, tn - (size_t)i },
			{ DB_BLOB, 0, 0, (const char *)bl + i, sizeof bl - (size_t)i },
		};
		if (i == 6)
			for (int k = 1; k < 15; k++)
				v[k] = db_null();
		if (db_exec(db, "INSERT INTO Edge_ VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", v, 15, &n, &err) < 0)
			fail_msg("insert %d: %s", i, err.msg);
	}
	bkfx_exec(db, "ANALYZE TABLE Edge_"); /* the row estimate that plans the key ranges */
	struct strbuf want = STRBUF_INIT;
	bkfx_sums(db, &want);
	db_close(db);
	/* the binary protocol's reading of these rows (db_table_checksum) */
	assert_string_equal(want.buf, "Edge_ 6 1de89f116e3ffbbb\n");

	setenv("LRPREP_BACKUP_CHUNK_ROWS", "2", 1); /* key ranges through @lrprep_p1/2 */
	struct strbuf out = STRBUF_INIT, e = STRBUF_INIT;
	int rc = tl_run(&out, &e, "backup", src, "--to", dir, "--jobs", "2", "--json", NULL);
	unsetenv("LRPREP_BACKUP_CHUNK_ROWS");
	if (rc != 1) /* 1: no store, not a Liferay database */
		fail_msg("backup exit %d: %s%s", rc, out.buf, e.buf);
	assert_int_equal(bkfx_json_int(out.buf, "rows"), 6);
	char gen[4200];
	bkfx_restores_match(DB_MARIADB, dir, rst, 1, tl_mysql_client_args(), "t_backup_tv_cli",
			    want.buf, gen, sizeof gen);
	/* 6 rows, 2 a piece: three SELECTs with bound key ranges */
	glob_t g;
	assert_int_equal(glob(bkfx_f("%s/data/Edge_.*.sql.zst", gen), 0, NULL, &g), 0);
	assert_int_equal(g.gl_pathc, 3);
	globfree(&g);
	strbuf_release(&want);
	strbuf_release(&out);
	strbuf_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(edge_values_restore_exactly) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
