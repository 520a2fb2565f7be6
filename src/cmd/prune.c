/* lrprep prune — not built yet: says so and exits with the usage code. */
#include "cmds.h"
#include "../util/error.h"
#include <stdio.h>

int cmd_prune(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "lrprep: 'prune' is not available in this version yet\n");
	return LR_EXIT_USAGE;
}
