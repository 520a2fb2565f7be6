/* scale-dump: make a big mysqldump from a small one, for benchmarks and
 * memory tests. Usage: scale-dump N < dump.sql > big.sql
 *
 * The output is the input with every INSERT row present N times: copy
 * c > 0 of a row gets its first primary-key column renumbered (integers
 * + c * 10^12, strings + "~c"), so primary keys stay unique; UNIQUE keys
 * become plain keys (the copies share their other columns). The extra rows
 * go just before the dump's trailer, so MariaDB loads them under the same
 * session settings as the rest. Streams: one line in memory (plus a temp
 * file holding the INSERT lines to replay). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct table {
	char *name;
	int pkcol;  /* index of the first primary-key column, -1 if none */
	int pkint;  /* that column holds integers: 2 bigint, 1 smaller */
};

static struct table *tables;
static int ntables, tcap;

/* columns of the CREATE TABLE being read */
static char **cols;
static int *colint;
static int ncols, ccap;

static int find_table(const char *name)
{
	for (int i = ntables - 1; i >= 0; i--)
		if (!strcmp(tables[i].name, name))
			return i;
	return -1;
}

/* Name between the first pair of backticks in s. */
static int bq_name(const char *s, char *buf, size_t n)
{
	const char *a = strchr(s, '`');
	const char *b = a ? strchr(a + 1, '`') : NULL;
	if (!b || (size_t)(b - a - 1) >= n)
		return -1;
	memcpy(buf, a + 1, (size_t)(b - a - 1));
	buf[b - a - 1] = '\0';
	return 0;
}

/* End of the SQL value starting at p (a quoted string or a bare token). */
static const char *value_end(const char *p)
{
	if (*p == '\'') {
		for (p++; *p; p++) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '\'') {
				if (p[1] != '\'')
					return p + 1;
				p++;
			}
		}
		return p;
	}
	while (*p && *p != ',' && *p != ')')
		p++;
	return p;
}

/* Write INSERT line s as copy c of table t. */
static void write_copy(FILE *out, const char *s, const struct table *t, int c)
{
	const char *v = strstr(s, " VALUES (");
	if (!v || t->pkcol < 0) {
		return; /* a table without a key cannot be copied safely */
	}
	v += 8;
	fwrite(s, 1, (size_t)(v - s), out);
	const char *p = v;
	while (*p == '(') {
		fputc(*p++, out);
		for (int col = 0;; col++) {
			const char *e = value_end(p);
			if (col == t->pkcol && *p == '\'') {
				fwrite(p, 1, (size_t)(e - p - 1), out);
				fprintf(out, "~%d'", c);
			} else if (col == t->pkcol && t->pkint == 2 && strncmp(p, "NULL", 4) != 0) {
				fprintf(out, "%lld", strtoll(p, NULL, 10) + (long long)c * 1000000000000LL);
			} else if (col == t->pkcol && t->pkint == 1 && strncmp(p, "NULL", 4) != 0) {
				/* int(11) keys: the unused negative range, copy by copy */
				fprintf(out, "%lld", -(strtoll(p, NULL, 10) + (long long)c * 10000000LL));
			} else {
				fwrite(p, 1, (size_t)(e - p), out);
			}
			p = e;
			if (*p != ',')
				break;
			fputc(*p++, out);
		}
		if (*p == ')')
			fputc(*p++, out);
		if (*p == ',')
			fputc(*p++, out);
	}
	fputs(p, out);
}

static void replay(FILE *ins, int n)
{
	char *line = NULL, name[512];
	size_t cap = 0;
	for (int c = 1; c < n; c++) {
		rewind(ins);
		while (getline(&line, &cap, ins) > 0) {
			int t = bq_name(line, name, sizeof name) == 0 ? find_table(name) : -1;
			if (t >= 0)
				write_copy(stdout, line, &tables[t], c);
		}
	}
	free(line);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 0;
	if (n < 1) {
		fprintf(stderr, "usage: scale-dump N < dump.sql > big.sql\n");
		return 2;
	}
	FILE *ins = tmpfile();
	if (!ins) {
		perror("scale-dump: tmpfile");
		return 1;
	}
	char *line = NULL, name[512];
	size_t cap = 0;
	int cur = -1, replayed = 0;
	while (getline(&line, &cap, stdin) > 0) {
		if (!strncmp(line, "CREATE TABLE ", 13) && bq_name(line, name, sizeof name) == 0) {
			if (ntables == tcap) {
				tcap = tcap ? 2 * tcap : 256;
				tables = realloc(tables, (size_t)tcap * sizeof *tables);
			}
			cur = ntables++;
			tables[cur].name = strdup(name);
			tables[cur].pkcol = -1;
			tables[cur].pkint = 0;
			for (int i = 0; i < ncols; i++)
				free(cols[i]);
			ncols = 0;
		} else if (cur >= 0 && !strncmp(line, "  `", 3) && bq_name(line, name, sizeof name) == 0) {
			if (ncols == ccap) {
				ccap = ccap ? 2 * ccap : 64;
				cols = realloc(cols, (size_t)ccap * sizeof *cols);
				colint = realloc(colint, (size_t)ccap * sizeof *colint);
			}
			const char *type = strchr(strchr(line, '`') + 1, '`') + 2;
			colint[ncols] = !strncmp(type, "bigint", 6) ? 2 : strstr(type, "int") && strstr(type, "int") < type + 10;
			cols[ncols++] = strdup(name);
		} else if (cur >= 0 && !strncmp(line, "  PRIMARY KEY (", 15) && bq_name(line, name, sizeof name) == 0) {
			for (int i = 0; i < ncols; i++)
				if (!strcmp(cols[i], name)) {
					tables[cur].pkcol = i;
					tables[cur].pkint = colint[i];
				}
		} else if (!strncmp(line, "  UNIQUE KEY ", 13)) {
			fputs("  KEY ", stdout);
			fputs(line + 13, stdout);
			continue;
		} else if (!strncasecmp(line, "INSERT INTO ", 12)) {
			fputs(line, ins);
		} else if (!replayed && !strncmp(line, "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;", 41)) {
			replay(ins, n);
			replayed = 1;
		}
		fputs(line, stdout);
	}
	if (!replayed)
		replay(ins, n);
	fclose(ins);
	free(line);
	for (int i = 0; i < ncols; i++)
		free(cols[i]);
	free(cols);
	free(colint);
	for (int i = 0; i < ntables; i++)
		free(tables[i].name);
	free(tables);
	return fflush(stdout) == 0 ? 0 : 1;
}
