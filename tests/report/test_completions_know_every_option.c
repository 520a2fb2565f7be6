/* bash and zsh completion (completions/) offer every command of src/main.c
 * and every long option each command accepts (read from its source, as in
 * test_help_mentions_every_option); the bash function is run for real:
 * "lrprep CMD --<TAB>" yields exactly the command's options. */
#include "rtest.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Words bash completion offers for "lrprep CMD -" (sorted, one per line). */
static char *bash_complete(const char *file, const char *cmd)
{
	char sh[8400];
	snprintf(sh, sizeof sh,
		 "bash -c 'source \"%s\" && COMP_WORDS=(lrprep %s -) && COMP_CWORD=2 && _lrprep && "
		 "printf \"%%s\\n\" \"${COMPREPLY[@]}\" | sort'", file, cmd);
	FILE *p = popen(sh, "r");
	assert_non_null(p);
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		strbuf_add(&sb, buf, n);
	assert_int_equal(pclose(p), 0);
	strbuf_addstr(&sb, "");
	return strbuf_detach(&sb, NULL);
}

static int has_line(const char *text, const char *line)
{
	size_t len = strlen(line);
	for (const char *p = strstr(text, line); p; p = strstr(p + 1, line))
		if ((p == text || p[-1] == '\n') && (p[len] == '\n' || !p[len]))
			return 1;
	return 0;
}

static void completions_cover_every_option(void **state)
{
	(void)state;
	char bashf[4200], zshf[4200], path[4200];
	snprintf(bashf, sizeof bashf, "%s/completions/lrprep.bash", tl_src());
	snprintf(zshf, sizeof zshf, "%s/completions/_lrprep", tl_src());
	char *zsh = rt_slurp(zshf);
	char *bash = rt_slurp(bashf);
	struct names cmds = { 0 };
	rt_commands(&cmds);
	assert_true(cmds.n >= 13);
	struct strbuf problems = STRBUF_INIT;
	for (size_t c = 0; c < cmds.n; c++) {
		const char *cmd = cmds.v[c];
		char want[128];
		snprintf(want, sizeof want, "'%s:", cmd);
		if (!strstr(zsh, want))
			strbuf_addf(&problems, "  zsh: command %s not in the command list\n", cmd);
		snprintf(want, sizeof want, "\t%s) _arguments", cmd);
		const char *zsec = strstr(zsh, want);
		if (!zsec)
			strbuf_addf(&problems, "  zsh: no _arguments for %s\n", cmd);
		const char *zend = zsec ? strstr(zsec, ";;") : NULL;
		char *offered = bash_complete(bashf, cmd);
		snprintf(path, sizeof path, "%s/src/cmd/%s.c", tl_src(), cmd);
		char *src = rt_slurp(path);
		struct names opts = { 0 };
		options_of(src, &opts);
		int nlines = 0;
		for (const char *p = offered; *p; p++)
			nlines += *p == '\n';
		for (size_t i = 0; i < opts.n; i++) {
			snprintf(want, sizeof want, "--%s", opts.v[i]);
			if (!has_line(offered, want))
				strbuf_addf(&problems, "  bash: lrprep %s -<TAB> lacks %s\n", cmd, want);
			/* zsh: in this command's _arguments, or in the shared specs */
			static const char *const shared[][2] = { { "help", "$help" }, { "json", "$json" },
								 { "liferay-home", "$lh" }, { "html", "$html" } };
			int z = 0;
			for (size_t k = 0; k < 4 && zsec; k++) {
				const char *x = strcmp(opts.v[i], shared[k][0]) ? NULL : strstr(zsec, shared[k][1]);
				z |= x && x < zend;
			}
			for (const char *x = zsec ? strstr(zsec, want) : NULL; x && x < zend && !z; x = strstr(x + 1, want))
				z = !optch((unsigned char)x[strlen(want)]);
			if (!z)
				strbuf_addf(&problems, "  zsh: %s lacks %s\n", cmd, want);
		}
		/* bash offers nothing the command would refuse: every --x offered is accepted */
		for (const char *l = offered; *l; l = strchr(l, '\n') + 1) {
			size_t len = strcspn(l, "\n");
			int known = len < 3 || strncmp(l, "--", 2);
			for (size_t i = 0; i < opts.n && !known; i++)
				known = strlen(opts.v[i]) == len - 2 && !strncmp(l + 2, opts.v[i], len - 2);
			if (!known)
				strbuf_addf(&problems, "  bash: lrprep %s offers %.*s, which it does not accept\n", cmd,
					    (int)len, l);
			if (!l[len])
				break;
		}
		names_free(&opts);
		free(src);
		free(offered);
	}
	names_free(&cmds);
	free(zsh);
	free(bash);
	if (problems.len) {
		/* fail_msg does not return: keep the text, free the buffer (ASan) */
		static char text[16384];
		snprintf(text, sizeof text, "%s", strbuf_str(&problems));
		strbuf_release(&problems);
		fail_msg("completions out of step with the commands:\n%s", text);
	}
	strbuf_release(&problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(completions_cover_every_option) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
