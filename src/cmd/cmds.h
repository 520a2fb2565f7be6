/* Entry points of the subcommands, one file each in src/cmd/. Each parses
 * its own options, prints its own report and returns an exit code
 * (util/error.h). argv[0] is the subcommand name. */
#ifndef LR_CMDS_H
#define LR_CMDS_H
int cmd_import(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_prune(int argc, char **argv);
int cmd_undo(int argc, char **argv);
int cmd_script(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);
int cmd_apps(int argc, char **argv);
int cmd_staging(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_sample(int argc, char **argv);
int cmd_report(int argc, char **argv);
#endif
