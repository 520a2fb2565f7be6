/* Text rendering of the inspect report (the JSON document inspect.c builds). */
#ifndef LR_CMD_INSPECT_TEXT_H
#define LR_CMD_INSPECT_TEXT_H
#include <jansson.h>
#include <stdio.h>

/* top: tables shown (0 = all); max_samples: samples per finding;
 * quiet: only the verdict line. */
void inspect_print_text(FILE *f, const json_t *doc, int top, int max_samples, int quiet);
/* --list-checks as a table. */
void inspect_print_checks(FILE *f, const json_t *checks);
#endif
