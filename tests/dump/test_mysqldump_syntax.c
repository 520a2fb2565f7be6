/* The mysqldump reader on hand-written snippets: every piece of syntax
 * real dumps (mysqldump, SQLyog, phpMyAdmin, Workbench) use, and the exact
 * events and values it produces. */
#include "dumptest.h"

#define T1 "CREATE TABLE `t` (\n  `id` bigint(20) NOT NULL,\n  `s` varchar(75) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8;\n"
#define T1_EV "table t(id bigint(20) nn,s varchar(75)) pk(id) cs=utf8\n"

static void create_table_columns_keys_and_charsets(void **state)
{
	(void)state;
	DT_EXPECT("CREATE TABLE IF NOT EXISTS `db`.`Group_` (\n"
		  "  `groupId` bigint(20) NOT NULL,\n"
		  "  `name` varchar(150) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT NULL,\n"
		  "  `price` decimal(30,16) unsigned DEFAULT '0.0000',\n"
		  "  `kind` enum('a','b''c') NOT NULL DEFAULT 'a',\n"
		  "  `active_` tinyint(1) DEFAULT NULL,\n"
		  "  `createDate` datetime(6) DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(6),\n"
		  "  `blob_` longblob COMMENT 'x, (y)',\n"
		  "  PRIMARY KEY (`groupId`,`name`(10)) USING BTREE,\n"
		  "  UNIQUE KEY `IX_1` (`name`,`kind`),\n"
		  "  KEY `IX_2` (`createDate`),\n"
		  "  INDEX (`kind`),\n"
		  "  FULLTEXT KEY `ft` (`name`),\n"
		  "  CONSTRAINT `fk1` FOREIGN KEY (`groupId`) REFERENCES `other` (`id`) ON DELETE CASCADE\n"
		  ") ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=latin1 COLLATE=latin1_bin;\n",
		  "notice 13: FULLTEXT/SPATIAL index ft on Group_ not created\n"
		  "table Group_(groupId bigint(20) nn,name varchar(150) cs=latin1,price decimal(30,16) unsigned,"
		  "kind enum('a','b'c') nn,active_ tinyint(1),createDate datetime(6),blob_ longblob)"
		  " pk(groupId,name) cs=latin1\n"
		  "index Group_ IX_1 unique(name,kind)\n"
		  "index Group_ IX_2(createDate)\n"
		  "index Group_ Group__kind(kind)\n");
}

static void multi_row_lowercase_and_column_list_inserts(void **state)
{
	(void)state;
	DT_EXPECT(T1 "INSERT INTO `t` VALUES (1,'a'),(2,NULL),\n(3,'c');\n"
		     "insert into t values(4,'d');\n"
		     "INSERT INTO `t` (`s`,`id`) VALUES ('e',5);\n"
		     "REPLACE INTO `t` VALUES (6,'f');\n"
		     "INSERT IGNORE INTO `t` VALUES (7,'g');\n"
		     "INSERT LOW_PRIORITY INTO t VALUE (8,'h') ON DUPLICATE KEY UPDATE s = 'z';\n",
		  T1_EV "row t i:1 s:a\nrow t i:2 NULL\nrow t i:3 s:c\nrow t i:4 s:d\n"
			"row t(s,id) s:e i:5\nrow t i:6 s:f\nrow t i:7 s:g\nrow t i:8 s:h\n");
}

static void backslash_escapes_and_doubled_quotes(void **state)
{
	(void)state;
	DT_EXPECT(T1 "INSERT INTO `t` VALUES (1,'a\\0b\\'c\\\"d\\be\\nf\\rg\\th\\Zi\\\\j\\%k\\_l\\qm'),"
		     "(2,'it''s'),(3,\"dq \"\" 'x'\"),(4,'multi\nline');\n",
		  T1_EV "row t i:1 s:a\\x00b'c\"d\\x08e\\x0af\\x0dg\\x09h\\x1ai\\j\\%k\\_lqm\n"
			"row t i:2 s:it's\nrow t i:3 s:dq \" 'x'\nrow t i:4 s:multi\\x0aline\n");
}

static void conditional_comments_and_comments(void **state)
{
	(void)state;
	DT_EXPECT("-- MySQL dump 10.13\n--\n# hash comment\n/* plain\n comment */\n"
		  "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
		  "/*!40101 SET NAMES utf8 */;\n/*!999999\\- enable the sandbox mode */\n" T1
		  "LOCK TABLES `t` WRITE;\n/*!40000 ALTER TABLE `t` DISABLE KEYS */;\n"
		  "INSERT INTO `t` VALUES (1,'x--y /* not a comment */ # nor this');\n"
		  "/*!40000 ALTER TABLE `t` ENABLE KEYS */;\nUNLOCK TABLES;\n"
		  "/*M!100100 SET @x = 1 */;\nDROP TABLE IF EXISTS `t2`;\nSTART TRANSACTION;\nCOMMIT;\n",
		  T1_EV "row t i:1 s:x--y /* not a comment */ # nor this\n");
}

static void literal_forms(void **state)
{
	(void)state;
	DT_EXPECT("CREATE TABLE t (i int(11), b tinyint(1), f bit(1), x varbinary(8), r double, d decimal(10,3),"
		  " dt datetime, dd date, u bigint(20) unsigned, s varchar(10), lb longblob);\n"
		  "INSERT INTO t VALUES (-12,1,b'1',X'00ff41',1.5e3,'-001.500','2016-07-06 09:43:01',"
		  "'2016-07-06',18446744073709551615,_utf8mb4'h\xC3\xA9',_binary 'ab\\0'),"
		  "(0x10,0,0b0,0x0ABC,-0.25,12.000,NULL,NULL,-9223372036854775808,x'6869',_binary 0xC3A9),"
		  "(+7,TRUE,FALSE,'',.5,3,'2016-07-06 09:43:01.123000','0000-00-00',0,b'1010',X'');\n",
		  "table t(i int(11),b tinyint(1),f bit(1),x varbinary(8),r double,d decimal(10,3),dt datetime,"
		  "dd date,u bigint(20) unsigned,s varchar(10),lb longblob) pk() cs=-\n"
		  "row t i:-12 b:1 b:1 x:\\x00\\xffA r:1500 d:-001.500 t:2016-07-06 09:43:01 t:2016-07-06 00:00:00"
		  " d:18446744073709551615 s:h\xC3\xA9 x:ab\\x00\n"
		  "row t i:16 b:0 b:0 x:\\x0a\\xbc r:-0.25 d:12.000 NULL NULL i:-9223372036854775808 s:hi x:\\xc3\\xa9\n"
		  "row t i:7 b:1 b:0 x: r:0.5 d:3 t:2016-07-06 09:43:01.123000 t:0000-00-00 00:00:00 i:0 i:10 x:\n");
}

static void database_level_statements_and_placeholders_are_notices(void **state)
{
	(void)state;
	DT_EXPECT("      CREATE DATABASE IF NOT EXISTS ##dbname## character set utf8;\n"
		  "      GRANT ALL ON ##dbname##.* TO '##dbusername##'@'localhost' IDENTIFIED BY '##dbpassword##';\n"
		  "      SET FOREIGN_KEY_CHECKS=0;\n"
		  "      USE ##dbname##;\n"
		  "CREATE DATABASE  IF NOT EXISTS `${projectName}` /*!40100 DEFAULT CHARACTER SET latin1 */;\n"
		  "USE `${projectName}`;\n"
		  "use openncp_portal;\n"
		  "/*!40000 DROP DATABASE IF EXISTS `lportal`*/;\n"
		  "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `lportal` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;\n" T1
		  "INSERT INTO t VALUES (1,'ok');\n",
		  "notice 1: CREATE DATABASE with an unfilled template placeholder skipped (##dbname## character set utf8)\n"
		  "notice 2: GRANT with an unfilled template placeholder skipped (##dbname##.* TO '##dbusername##'@'localhost' IDENTIFIED BY ')\n"
		  "notice 4: USE with an unfilled template placeholder skipped (##dbname##)\n"
		  "notice 5: CREATE DATABASE with an unfilled template placeholder skipped (${projectName}`  DEFAULT CHARACTER SET latin1 )\n"
		  "notice 6: USE with an unfilled template placeholder skipped (${projectName}`)\n"
		  "notice 7: USE skipped\n"
		  "notice 8: DROP DATABASE skipped\n"
		  "notice 9: CREATE DATABASE skipped\n" T1_EV "row t i:1 s:ok\n");
}

static void views_procedures_and_delimiter_blocks_are_skipped(void **state)
{
	(void)state;
	DT_EXPECT(T1 "/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */\n"
		     "/*!50001 VIEW `v` AS select 1 AS `x` */;\n"
		     "DELIMITER ;;\n/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER trg BEFORE INSERT ON t\n"
		     "FOR EACH ROW BEGIN SET NEW.s = 'x'; END */;;\nDELIMITER ;\n"
		     "DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\n"
		     "CREATE DEFINER=`root`@`%` PROCEDURE `q`() BEGIN END;\n"
		     "INSERT INTO t VALUES (1,'after');\n",
		  T1_EV "notice 6: CREATE VIEW skipped\n"
			"notice 9: DELIMITER block skipped (1 procedure/trigger/function definition)\n"
			"notice 13: DELIMITER block skipped (1 procedure/trigger/function definition)\n"
			"notice 16: CREATE PROCEDURE skipped\nrow t i:1 s:after\n");
}

static void phpmyadmin_keys_in_alter_table(void **state)
{
	(void)state;
	DT_EXPECT("-- phpMyAdmin SQL Dump\nSET SQL_MODE = \"NO_AUTO_VALUE_ON_ZERO\";\n"
		  "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `s` varchar(75) DEFAULT NULL\n) ENGINE=InnoDB;\n"
		  "INSERT INTO `t` (`id`, `s`) VALUES\n(1, 'a'),\n(2, 'b');\n"
		  "ALTER TABLE `t`\n  ADD PRIMARY KEY (`id`),\n  ADD UNIQUE KEY `IX_S` (`s`),\n  ADD KEY `IX_T` (`s`,`id`);\n"
		  "ALTER TABLE `t`\n  MODIFY `id` int(11) NOT NULL AUTO_INCREMENT, AUTO_INCREMENT=3;\n"
		  "CREATE UNIQUE INDEX ix_u ON t (s(10), id);\n",
		  "table t(id int(11) nn,s varchar(75)) pk() cs=-\nrow t(id,s) i:1 s:a\nrow t(id,s) i:2 s:b\n"
		  "index t PRIMARY unique(id)\nindex t IX_S unique(s)\nindex t IX_T(s,id)\nindex t ix_u unique(s,id)\n");
}

static void errors_name_file_line_and_column(void **state)
{
	(void)state;
	DT_FAILS(T1 "INSERT INTO `t` VALUES (1,'a'),(2,'b\n", "6:35: unterminated string (the dump ends inside it)");
	DT_FAILS(T1 "INSERT INTO `t` VALUES (1,'a'),(2);\n", "6:32: row has 1 value but 2 columns in table t");
	DT_FAILS(T1 "INSERT INTO `t` VALUES (1,'a',3);\n", "6:24: row has 3 values but 2 columns in table t");
	DT_FAILS(T1 "INSERT INTO `u` VALUES (1,'a');\n", "6:13: INSERT into unknown table u (no CREATE TABLE before it)");
	DT_FAILS(T1 "INSERT INTO `t` VALUES (1,'a'),", "6:32: the dump ends inside an INSERT statement (truncated?)");
	DT_FAILS(T1 "INSERT INTO `t` VALUES (1,'a')", "6:31: the dump ends inside an INSERT statement (truncated?)");
	DT_FAILS(T1 "\x01\x02garbage", "6:1: unexpected byte 0x01: expected an SQL statement");
	DT_FAILS(T1 "INSERT INTO `t` VALUES (1,\xff);", "6:27: unexpected byte 0xff in a row value");
	DT_FAILS(T1 "INSERT INTO `t` VALUES (1 'a');", "6:27: expected ',' or ')' after a value, found '''");
	DT_FAILS("CREATE TABLE `t` (\n  `id` bigint(20)", "2:18: the dump ends inside a statement (truncated?): unterminated column definition");
	DT_FAILS("SELEKT 1;", "1:1: unknown statement 'SELEKT'");
	DT_FAILS(T1 "INSERT INTO `t` (`id`,`zz`) VALUES (1,2);", "6:23: table t has no column zz");
	/* fuzzer finding: a broken key column list leaked its names */
	DT_FAILS("CREATE TABLE `t` (\n  `id` bigint(20),\n  PRIMARY KEY (`id` \xff KEY `IX_S` (`s`)\n);",
		 "4:2: unexpected ';': statement ends inside a definition");
}

static void auto_detection_picks_mysqldump(void **state)
{
	(void)state;
	struct dt_rec rec = { STRBUF_INIT, 0 };
	struct lr_err err = LR_ERR_INIT;
	const char text[] = "-- MySQL dump 10.13\n" T1 "INSERT INTO `t` VALUES (1,'a');\n";
	assert_int_equal(dt_parse("auto", text, sizeof text - 1, &rec, &err), 0);
	assert_string_equal(strbuf_str(&rec.log), T1_EV "row t i:1 s:a\n");
	strbuf_release(&rec.log);
	assert_null(dump_reader_find("nosuchformat"));
	assert_ptr_equal(dump_reader_find("mysqldump"), &dump_reader_mysqldump);
	assert_ptr_equal(dump_reader_find("pg_dump"), &dump_reader_pgdump);
	assert_ptr_equal(dump_reader_find("hsqldb"), &dump_reader_hsqldb);
	assert_int_equal(dump_reader_mysqldump.sniff("-- MySQL dump 10.13", 19), 100);
	assert_int_equal(dump_reader_mysqldump.sniff("hello world", 11), 0);
}

static void long_values_span_the_read_window(void **state)
{
	(void)state;
	/* a 3 MB string: longer than the 1 MB window, with escapes across it */
	size_t n = 3u << 20;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, T1 "INSERT INTO `t` VALUES (1,'");
	for (size_t i = 0; i < n; i++)
		strbuf_addstr(&sb, (i % 1000) == 999 ? "\\n" : "x");
	strbuf_addstr(&sb, "'),(2,'end');\n");
	struct dt_rec rec = { STRBUF_INIT, 0 };
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(dt_parse("mysqldump", sb.buf, sb.len, &rec, &err), 0);
	/* the log shows the newline escapes as \x0a: 4 chars for each */
	assert_int_equal(rec.log.len, strlen(T1_EV) + strlen("row t i:1 s:") + n + (n / 1000) * 3 + 1 +
				       strlen("row t i:2 s:end\n"));
	strbuf_release(&rec.log);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_table_columns_keys_and_charsets),
		cmocka_unit_test(multi_row_lowercase_and_column_list_inserts),
		cmocka_unit_test(backslash_escapes_and_doubled_quotes),
		cmocka_unit_test(conditional_comments_and_comments),
		cmocka_unit_test(literal_forms),
		cmocka_unit_test(database_level_statements_and_placeholders_are_notices),
		cmocka_unit_test(views_procedures_and_delimiter_blocks_are_skipped),
		cmocka_unit_test(phpmyadmin_keys_in_alter_table),
		cmocka_unit_test(errors_name_file_line_and_column),
		cmocka_unit_test(auto_detection_picks_mysqldump),
		cmocka_unit_test(long_values_span_the_read_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
