/* cli.h -- the command line: options, and the non-interactive modes
 * (--analyze, --export, the plain render when stdout is not a terminal).
 * No curses here: the interactive reader is reached through ui/ui.h. */
#ifndef LISEUSE_CLI_H
#define LISEUSE_CLI_H

#include "liseuse/common.h"
#include "liseuse/export.h"
#include "ui/ui.h"

/* Exit statuses, documented in man/liseuse.1 (EXIT STATUS). */
enum {
    LIS_EXIT_OK = 0,
    LIS_EXIT_OUTPUT = 1,   /* the output could not be written */
    LIS_EXIT_USAGE = 2     /* bad usage, or an input file cannot be read */
};

/* Reading measure bounds for --width, in terminal cells. */
#define LIS_CLI_WIDTH_MIN 20
#define LIS_CLI_WIDTH_MAX 1000
#define LIS_CLI_WIDTH_DEFAULT 80

enum lis_cli_mode {
    LIS_CLI_READ,      /* the pager, or the plain render when not a tty */
    LIS_CLI_ANALYZE,
    LIS_CLI_EXPORT,
    LIS_CLI_HELP,
    LIS_CLI_VERSION
};

struct lis_cli_opts {
    enum lis_cli_mode mode;
    int width;                   /* 0: not given */
    const char *encoding;        /* NULL: detect */
    bool force;                  /* open binary input; overwrite -o FILE */
    enum lis_color_mode color;   bool color_set;
    bool resume;                 bool resume_set;
    int panel;                   /* -1: not given; 0 off, 1 on */
    const char *config_path;     /* --config; NULL: the default file */
    bool no_config;
    bool plain;                  /* plain render even on a terminal */
    bool analyze_text;           /* --format=text (default JSON) */
    enum lis_export_format export_format;
    enum lis_select select;
    bool with_parties;
    const char *output;          /* NULL or "-": standard output */
    const char **files;          /* borrowed from argv; never empty after
                                    parsing (the bundled article is added) */
    size_t n_files;
    char *default_file;          /* owned: the bundled article's path */
};

/* Parse argv into *o.  Returns -1 when the program should go on with
 * lis_cli_run, else an exit status: a usage error has been printed on
 * stderr (LIS_EXIT_USAGE).  Free *o with lis_cli_opts_free either way. */
int lis_cli_parse(int argc, char **argv, struct lis_cli_opts *o);
void lis_cli_opts_free(struct lis_cli_opts *o);

/* Do what the options ask (help, version, analysis, export, plain render,
 * or the interactive reader).  Returns the process exit status. */
int lis_cli_run(const struct lis_cli_opts *o);

#endif
