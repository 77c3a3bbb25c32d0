/* cli.c -- options, and what liseuse does without a terminal: --analyze,
 * --export and the plain render.  The pager is behind ui/ui.h. */
#include <config.h>

#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include "liseuse/analysis.h"
#include "liseuse/settings.h"
#include "liseuse/document.h"
#include "liseuse/export.h"
#include "liseuse/layout.h"
#include "liseuse/lexicon.h"
#include "liseuse/paths.h"
#include "liseuse/text.h"

#define BUNDLED_ARTICLE "microsoft-tiktok-oracle.txt"

enum {
    OPT_ENCODING = 256,
    OPT_FORCE,
    OPT_COLOR,
    OPT_NO_RESUME,
    OPT_PANEL,
    OPT_NO_PANEL,
    OPT_PLAIN,
    OPT_ANALYZE,
    OPT_FORMAT,
    OPT_EXPORT,
    OPT_SELECT,
    OPT_WITH_PARTIES,
    OPT_RESUME,
    OPT_CONFIG,
    OPT_NO_CONFIG
};

static const struct option long_options[] = {
    { "help",         no_argument,       NULL, 'h' },
    { "version",      no_argument,       NULL, 'V' },
    { "width",        required_argument, NULL, 'w' },
    { "encoding",     required_argument, NULL, OPT_ENCODING },
    { "force",        no_argument,       NULL, OPT_FORCE },
    { "color",        optional_argument, NULL, OPT_COLOR },
    { "colour",       optional_argument, NULL, OPT_COLOR },
    { "resume",       no_argument,       NULL, OPT_RESUME },
    { "no-resume",    no_argument,       NULL, OPT_NO_RESUME },
    { "config",       required_argument, NULL, OPT_CONFIG },
    { "no-config",    no_argument,       NULL, OPT_NO_CONFIG },
    { "panel",        no_argument,       NULL, OPT_PANEL },
    { "no-panel",     no_argument,       NULL, OPT_NO_PANEL },
    { "plain",        no_argument,       NULL, OPT_PLAIN },
    { "analyze",      no_argument,       NULL, OPT_ANALYZE },
    { "analyse",      no_argument,       NULL, OPT_ANALYZE },
    { "format",       required_argument, NULL, OPT_FORMAT },
    { "export",       required_argument, NULL, OPT_EXPORT },
    { "select",       required_argument, NULL, OPT_SELECT },
    { "with-parties", no_argument,       NULL, OPT_WITH_PARTIES },
    { "output",       required_argument, NULL, 'o' },
    { NULL, 0, NULL, 0 }
};

/* Append s with every character a terminal could act on (C0 and C1
 * controls, DEL, bidi and other invisible format characters) spelled as a
 * visible marker, and bytes that are not UTF-8 as U+FFFD: messages quote
 * file names and option values, which may come from anywhere. */
static void add_sanitized(struct lis_buf *out, const char *s)
{
    size_t len = strlen(s), i = 0;

    while (i < len) {
        char marker[LIS_MARKER_MAX];
        uint32_t cp;
        size_t n = lis_u8_get(s + i, len - i, &cp);
        size_t m = cp == '\t' ? 0 : lis_glyph_marker(cp, marker,
                                                       sizeof marker);

        if (m > 0)
            lis_buf_add(out, marker, m);
        else
            lis_buf_add_cp(out, cp);
        i += n;
    }
}

/* Print "liseuse: MESSAGE" as one sanitised line on stderr. */
static void vsay(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));
static void vsay(const char *fmt, va_list ap)
{
    struct lis_buf line;
    va_list ap2;
    char *msg;
    int n;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    msg = lis_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    if (n > 0)
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    else
        msg[0] = '\0';
    lis_buf_init(&line);
    lis_buf_adds(&line, "liseuse: ");
    add_sanitized(&line, msg);
    lis_buf_addc(&line, '\n');
    fwrite(line.data, 1, line.len, stderr);
    lis_buf_free(&line);
    free(msg);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsay(fmt, ap);
    va_end(ap);
}

static void warn(const char *msg)
{
    say("%s %s", _("warning:"), msg);
}

static void report(const char *msg)
{
    say("%s", msg);
}

static void try_help(void)
{
    fprintf(stderr, _("Try '%s --help' for more information.\n"), "liseuse");
}

/* Print one line "liseuse: MESSAGE" and the GNU hint; usage status. */
static int usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsay(fmt, ap);
    va_end(ap);
    try_help();
    return LIS_EXIT_USAGE;
}

/* getopt_long failed on argv[optind - 1] or on the short option optopt;
 * say why in glibc's words, but sanitised (opterr is off: glibc would
 * print the argument as it is). */
static int option_error(int c, char **argv)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    /* optopt is 0 or a long-only value for long options; a short option
     * letter may also be the value of its long form (--help=x) */
    bool is_long = optopt == 0 || optopt >= 256 ||
                   (strncmp(arg, "--", 2) == 0 && strchr("hVwo", optopt));
    char *name;

    if (!is_long) {
        if (c == ':')
            return usage_error(_("option requires an argument -- '%c'"),
                               optopt);
        return usage_error(_("invalid option -- '%c'"), optopt);
    }
    name = lis_xstrndup(arg, strcspn(arg, "="));
    if (c == ':')
        usage_error(_("option '%s' requires an argument"), name);
    else if (optopt != 0 && strchr(arg, '='))
        usage_error(_("option '%s' doesn't allow an argument"), name);
    else
        usage_error(_("unrecognized or ambiguous option '%s'"), arg);
    free(name);
    return LIS_EXIT_USAGE;
}

/* Parse a whole decimal string into [min, max]. */
static bool parse_int(const char *s, int min, int max, int *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end != '\0' || v < min || v > max)
        return false;
    *out = (int)v;
    return true;
}

static bool parse_color(const char *s, enum lis_color_mode *c)
{
    if (!s || strcmp(s, "always") == 0)
        *c = LIS_COLOR_ALWAYS;
    else if (strcmp(s, "auto") == 0)
        *c = LIS_COLOR_AUTO;
    else if (strcmp(s, "never") == 0)
        *c = LIS_COLOR_NEVER;
    else
        return false;
    return true;
}

void lis_cli_opts_free(struct lis_cli_opts *o)
{
    free(o->files);
    free(o->default_file);
    o->files = NULL;
    o->default_file = NULL;
    o->n_files = 0;
}

/* Cross-option checks, once everything is parsed. */
static int check_combinations(const struct lis_cli_opts *o, bool format_set,
                              bool select_set)
{
    size_t i, n_stdin = 0;

    if (format_set && o->mode != LIS_CLI_ANALYZE)
        return usage_error(_("--format applies only to --analyze"));
    if ((select_set || o->with_parties) && o->mode != LIS_CLI_EXPORT)
        return usage_error(_("--select and --with-parties apply only to "
                             "--export"));
    if (o->output && o->mode != LIS_CLI_ANALYZE && o->mode != LIS_CLI_EXPORT)
        return usage_error(_("--output needs --analyze or --export"));
    if (o->output && !*o->output)
        return usage_error(_("--output needs a file name or '-'"));
    for (i = 0; i < o->n_files; i++)
        if (strcmp(o->files[i], "-") == 0)
            n_stdin++;
    if (n_stdin > 1)
        return usage_error(_("standard input ('-') can be read only once"));
    return -1;
}

/* True when standard input is a pipe or a regular file with an article in
 * it, not a terminal or a device such as /dev/null. */
static bool stdin_is_data(void)
{
    struct stat st;

    if (isatty(STDIN_FILENO) || fstat(STDIN_FILENO, &st) != 0)
        return false;
    return S_ISFIFO(st.st_mode) || (S_ISREG(st.st_mode) && st.st_size > 0);
}

int lis_cli_parse(int argc, char **argv, struct lis_cli_opts *o)
{
    bool format_set = false, select_set = false;
    int c, i;

    memset(o, 0, sizeof *o);
    o->mode = LIS_CLI_READ;
    o->color = LIS_COLOR_AUTO;
    o->resume = true;
    o->panel = -1;
    o->export_format = LIS_EXPORT_MD;
    o->select = LIS_SELECT_QUOTES;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":hVw:o:", long_options, NULL)) != -1) {
        switch (c) {
        case 'h':
            o->mode = LIS_CLI_HELP;
            break;
        case 'V':
            if (o->mode != LIS_CLI_HELP)
                o->mode = LIS_CLI_VERSION;
            break;
        case 'w':
            if (!parse_int(optarg, LIS_CLI_WIDTH_MIN, LIS_CLI_WIDTH_MAX,
                           &o->width))
                return usage_error(_("invalid width '%s' (expected a "
                                     "number of cells from %d to %d)"),
                                   optarg, LIS_CLI_WIDTH_MIN,
                                   LIS_CLI_WIDTH_MAX);
            break;
        case OPT_ENCODING:
            if (!*optarg)
                return usage_error(_("--encoding needs an encoding name"));
            o->encoding = optarg;
            break;
        case OPT_FORCE:
            o->force = true;
            break;
        case OPT_COLOR:
            if (!parse_color(optarg, &o->color))
                return usage_error(_("invalid value '%s' for --color "
                                     "(expected auto, always or never)"),
                                   optarg);
            o->color_set = true;
            break;
        case OPT_RESUME:
        case OPT_NO_RESUME:
            o->resume = c == OPT_RESUME;
            o->resume_set = true;
            break;
        case OPT_CONFIG:
            if (!*optarg)
                return usage_error(_("--config needs a file name"));
            o->config_path = optarg;
            o->no_config = false;
            break;
        case OPT_NO_CONFIG:
            o->no_config = true;
            o->config_path = NULL;
            break;
        case OPT_PANEL:
            o->panel = 1;
            break;
        case OPT_NO_PANEL:
            o->panel = 0;
            break;
        case OPT_PLAIN:
            o->plain = true;
            break;
        case OPT_ANALYZE:
            if (o->mode == LIS_CLI_EXPORT)
                return usage_error(_("--analyze and --export cannot be "
                                     "used together"));
            if (o->mode == LIS_CLI_READ)
                o->mode = LIS_CLI_ANALYZE;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0)
                o->analyze_text = false;
            else if (strcmp(optarg, "text") == 0)
                o->analyze_text = true;
            else
                return usage_error(_("invalid value '%s' for --format "
                                     "(expected json or text)"), optarg);
            format_set = true;
            break;
        case OPT_EXPORT:
            if (o->mode == LIS_CLI_ANALYZE)
                return usage_error(_("--analyze and --export cannot be "
                                     "used together"));
            if (!lis_export_format_parse(optarg, &o->export_format))
                return usage_error(_("invalid value '%s' for --export "
                                     "(expected md, json, txt, csv or "
                                     "clippings)"), optarg);
            if (o->mode == LIS_CLI_READ)
                o->mode = LIS_CLI_EXPORT;
            break;
        case OPT_SELECT:
            if (!lis_select_parse(optarg, &o->select))
                return usage_error(_("invalid value '%s' for --select "
                                     "(expected quotes, marked, highlights "
                                     "or all)"), optarg);
            select_set = true;
            break;
        case OPT_WITH_PARTIES:
            o->with_parties = true;
            break;
        case 'o':
            o->output = optarg;
            break;
        default:
            return option_error(c, argv);
        }
    }
    if (o->mode == LIS_CLI_HELP || o->mode == LIS_CLI_VERSION)
        return -1;

    if (optind < argc) {
        o->n_files = (size_t)(argc - optind);
        o->files = lis_xmalloc(o->n_files * sizeof *o->files);
        for (i = optind; i < argc; i++)
            o->files[i - optind] = argv[i];
    } else if (stdin_is_data()) {
        /* `cmd | liseuse` reads the pipe, as less does. */
        o->n_files = 1;
        o->files = lis_xmalloc(sizeof *o->files);
        o->files[0] = "-";
    } else {
        o->default_file = lis_xasprintf("%s/%s", lis_articledir(),
                                        BUNDLED_ARTICLE);
        o->n_files = 1;
        o->files = lis_xmalloc(sizeof *o->files);
        o->files[0] = o->default_file;
    }
    return check_combinations(o, format_set, select_set);
}

/* ------------------------------------------------------------ output */

static int write_error(int err)
{
    enum lis_status st = lis_status_from_errno(err);

    /* our own messages are lower-case and translated; fall back to the
     * C library's text for errors we have no status for (EPIPE, EBADF) */
    say("%s %s", _("write error:"),
        st == LIS_ERR_IO ? strerror(err) : lis_status_str(st));
    return LIS_EXIT_OUTPUT;
}

/* Write all of data to standard output; write(2) directly so that an error
 * (ENOSPC on /dev/full, EBADF on a closed stdout) is seen here and not lost
 * in a stdio buffer at exit. */
static int write_stdout(const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(STDOUT_FILENO, data, len);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return write_error(errno);
        }
        data += n;
        len -= (size_t)n;
    }
    return LIS_EXIT_OK;
}

static bool to_stdout(const struct lis_cli_opts *o)
{
    /* /dev/stdout is a symlink that the atomic writer would replace */
    return !o->output || strcmp(o->output, "-") == 0 ||
           strcmp(o->output, "/dev/stdout") == 0;
}

/* Send a finished report to -o FILE (atomically, replacing only with
 * --force) or to standard output. */
static int emit(const struct lis_cli_opts *o, const struct lis_buf *b)
{
    const char *data = b->data ? b->data : "";
    enum lis_status st;
    char *errmsg = NULL;

    if (to_stdout(o))
        return write_stdout(data, b->len);
    st = lis_write_file_atomic(o->output, data, b->len, o->force, &errmsg);
    if (st == LIS_OK)
        return LIS_EXIT_OK;
    if (!errmsg)
        errmsg = lis_xasprintf("%s: %s", o->output, lis_status_str(st));
    if (st == LIS_ERR_EXISTS && !strstr(errmsg, "--force"))
        say("%s (%s)", errmsg, _("use --force to replace it"));
    else
        report(errmsg);
    free(errmsg);
    return LIS_EXIT_OUTPUT;
}

static void end_line(struct lis_buf *b)
{
    if (b->len > 0 && b->data[b->len - 1] != '\n')
        lis_buf_addc(b, '\n');
}

/* ------------------------------------------------------------ help */

static int print_help(void)
{
    struct lis_buf b;
    int rc;

    lis_buf_init(&b);
    lis_buf_printf(&b, _("Usage: %s [OPTION]... [FILE]...\n"), "liseuse");
    lis_buf_adds(&b, _(
"Read French news articles in the terminal, with their quotations, named\n"
"entities and the parties of a reported deal highlighted.\n"
"\n"
"With no FILE, open the bundled article; FILE '-' reads standard input.\n"
"When standard output is not a terminal, print the wrapped text and exit.\n"
"\n"));
    lis_buf_adds(&b, _(
"Reading:\n"
"  -w, --width=N          reading measure in cells (20 to 1000; default 80)\n"
"      --encoding=NAME    decode the input as NAME (any iconv encoding)\n"
"      --force            open binary files; let --output replace a file\n"
"      --color[=WHEN]     use colours: auto (default), always or never\n"
"      --resume           reopen an article where it was left (default)\n"
"      --no-resume        start at the top, not at the last position read\n"
"      --panel            show the side panel at start\n"
"      --no-panel         hide the side panel at start\n"
"      --plain            print the wrapped text even on a terminal\n"
"      --config=FILE      read FILE instead of ~/.config/liseuse/config\n"
"      --no-config        read no configuration file\n"
"\n"));
    lis_buf_adds(&b, _(
"Analysis and export (no terminal needed):\n"
"      --analyze          print the analysis of each FILE and exit\n"
"      --format=FORMAT    analysis as json (default; one line per FILE when\n"
"                           there are several) or text\n"
"      --export=FORMAT    export excerpts as md, json, txt, csv or clippings\n"
"      --select=WHICH     quotes (default), marked, highlights or all\n"
"      --with-parties     add the deal summary and parties to the export\n"
"  -o, --output=FILE      write the analysis or export to FILE ('-' for\n"
"                           standard output, the default)\n"
"\n"));
    lis_buf_adds(&b, _(
"  -h, --help             display this help and exit\n"
"  -V, --version          output version information and exit\n"
"\n"));
    lis_buf_adds(&b, _(
"Keys: h or F1 in the reader lists them; see liseuse(1).\n"
"Exit status: 0 if OK, 1 if the output could not be written,\n"
"2 for a usage error or a file that cannot be opened.\n"
"\n"));
    lis_buf_printf(&b, _("Report bugs to: <%s>\n"), PACKAGE_BUGREPORT);
    rc = write_stdout(b.data, b.len);
    lis_buf_free(&b);
    return rc;
}

static int print_version(void)
{
    struct lis_buf b;
    int rc;

    lis_buf_init(&b);
    lis_buf_printf(&b, "%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
    lis_buf_adds(&b, _("A terminal reader for French news articles.\n"));
    rc = write_stdout(b.data, b.len);
    lis_buf_free(&b);
    return rc;
}

/* ------------------------------------------------------------ modes */

struct session {
    struct lis_document **docs;
    size_t n_docs;
    struct lis_lexicons *lx;
};

static void session_free(struct session *s)
{
    size_t i;

    for (i = 0; i < s->n_docs; i++)
        lis_document_free(s->docs[i]);
    free(s->docs);
    if (s->lx)
        lis_lexicons_free(s->lx);
}

struct path_list {
    char **v;
    size_t n, cap;
};

static void path_list_add(struct path_list *l, char *path)
{
    l->v = lis_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n++] = path;
}

static void path_list_free(struct path_list *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static int cmp_names(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The articles of a directory: its regular *.txt files (hidden ones
 * and our own exports, NAME-extraits.txt, skipped), sorted by name,
 * appended to l.  LIS_ERR_IO when it cannot be
 * read (errno kept). */
static enum lis_status list_articles(const char *dir, struct path_list *l)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t first = l->n;
    size_t dlen = strlen(dir);

    if (!d)
        return LIS_ERR_IO;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        struct stat st;
        char *path;

        if (e->d_name[0] == '.' || len <= 4 ||
            strcmp(e->d_name + len - 4, ".txt") != 0 ||
            strstr(e->d_name, "-extraits.") != NULL)
            continue;
        path = lis_xasprintf("%s%s%s", dir,
                             dlen && dir[dlen - 1] == '/' ? "" : "/",
                             e->d_name);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            path_list_add(l, path);
        else
            free(path);
    }
    closedir(d);
    if (l->n > first)
        qsort(l->v + first, l->n - first, sizeof *l->v, cmp_names);
    return LIS_OK;
}

/* The files to load: each argument, a directory standing for its
 * articles; with no argument, the bundled articles directory when it
 * holds more than one article, else the bundled article. */
static int expand_files(const struct lis_cli_opts *o, struct path_list *l)
{
    struct stat st;
    size_t i;

    if (o->default_file && o->n_files == 1 &&
        o->files[0] == o->default_file) {
        if (list_articles(lis_articledir(), l) == LIS_OK && l->n > 1)
            return LIS_EXIT_OK;
        path_list_free(l);
        memset(l, 0, sizeof *l);
    }
    for (i = 0; i < o->n_files; i++) {
        const char *f = o->files[i];
        size_t before = l->n;

        if (strcmp(f, "-") == 0 || stat(f, &st) != 0 || !S_ISDIR(st.st_mode)) {
            /* lis_document_load says what is wrong with it */
            path_list_add(l, lis_xstrdup(f));
            continue;
        }
        if (list_articles(f, l) != LIS_OK) {
            say("%s: %s", f, strerror(errno));
            return LIS_EXIT_USAGE;
        }
        if (l->n == before) {
            say(_("%s: no articles (*.txt files) in this directory"), f);
            return LIS_EXIT_USAGE;
        }
    }
    return LIS_EXIT_OK;
}

/* Load every file; the first that fails ends the run. */
static int load_documents(const struct lis_cli_opts *o, struct session *s)
{
    struct lis_load_opts lo = { o->encoding, o->force };
    struct path_list files;
    size_t i;
    int rc;

    memset(&files, 0, sizeof files);
    rc = expand_files(o, &files);
    if (rc != LIS_EXIT_OK) {
        path_list_free(&files);
        return rc;
    }
    s->docs = lis_xcalloc(files.n ? files.n : 1, sizeof *s->docs);
    for (i = 0; i < files.n; i++) {
        char *errmsg = NULL;
        enum lis_status st = lis_document_load(files.v[i], &lo,
                                               &s->docs[i], &errmsg);
        if (st != LIS_OK) {
            if (errmsg)
                report(errmsg);
            else
                say("%s: %s", files.v[i], lis_status_str(st));
            free(errmsg);
            path_list_free(&files);
            return LIS_EXIT_USAGE;
        }
        s->n_docs = i + 1;
    }
    path_list_free(&files);
    return LIS_EXIT_OK;
}

static void load_lexicons(struct session *s)
{
    char *userdir = lis_user_config_dir();
    char *errmsg = NULL;

    s->lx = lis_lexicons_load(lis_datadir(), userdir, &errmsg);
    if (errmsg)
        warn(errmsg);
    free(errmsg);
    free(userdir);
}

static void config_warn(void *ctx, const char *msg)
{
    (void)ctx;
    warn(msg);
}

/* The reading settings: the configuration file's [reader] section with
 * the command line laid over it.  The file is read only for the reader
 * and the plain render; --analyze and --export do not depend on it. */
static int load_config(const struct lis_cli_opts *o, struct lis_config *cfg)
{
    struct lis_config cli;
    enum lis_status st;

    lis_config_defaults(cfg);
    if (!o->no_config) {
        size_t n_actions;
        const char *const *actions = lis_ui_action_names(&n_actions);

        st = lis_config_load(cfg, o->config_path, actions, n_actions,
                             config_warn, NULL);
        if (st != LIS_OK) {
            char *path = o->config_path ? lis_xstrdup(o->config_path)
                                        : lis_config_default_path();
            say("%s: %s", path, lis_status_str(st));
            free(path);
            return LIS_EXIT_USAGE;
        }
    }
    lis_config_defaults(&cli);
    cli.measure = o->width;
    cli.measure_set = o->width != 0;
    cli.panel = o->panel;
    cli.panel_set = o->panel >= 0;
    cli.resume = o->resume;
    cli.resume_set = o->resume_set;
    /* the enums share their order (config.h) */
    cli.color = (enum lis_config_color_mode)o->color;
    cli.color_set = o->color_set;
    lis_config_merge(cfg, &cli);
    lis_config_free(&cli);
    return LIS_EXIT_OK;
}

/* Body only, like less; a front matter title comes first (sanitised and
 * wrapped like the body) followed by a blank line, since the front matter
 * itself is not part of the body. */
static void render_plain(const struct lis_document *doc, int width,
                         struct lis_buf *out)
{
    const char *title = doc->meta.title;

    if (title && *title) {
        struct lis_document *tdoc = NULL;

        if (lis_document_from_bytes(title, strlen(title), NULL, NULL,
                                    &tdoc) == LIS_OK) {
            lis_render_plain(tdoc, width, out);
            end_line(out);
            lis_buf_addc(out, '\n');
            lis_document_free(tdoc);
        }
    }
    lis_render_plain(doc, width, out);
    end_line(out);
}

static int run_plain(const struct lis_config *cfg, const struct session *s)
{
    int width = cfg->measure_set ? cfg->measure : LIS_CLI_WIDTH_DEFAULT;
    struct lis_buf b;
    size_t i;
    int rc;

    lis_buf_init(&b);
    for (i = 0; i < s->n_docs; i++) {
        if (i > 0)
            lis_buf_addc(&b, '\n');
        render_plain(s->docs[i], width, &b);
    }
    rc = write_stdout(b.data ? b.data : "", b.len);
    lis_buf_free(&b);
    return rc;
}

static int run_analyze(const struct lis_cli_opts *o, struct session *s)
{
    bool pretty = s->n_docs == 1 && to_stdout(o) && isatty(STDOUT_FILENO);
    struct lis_buf b;
    size_t i;
    int rc;

    load_lexicons(s);
    lis_buf_init(&b);
    for (i = 0; i < s->n_docs; i++) {
        struct lis_analysis *an = lis_analyze(s->docs[i], s->lx, NULL, NULL);

        if (!an)
            lis_die(LIS_EXIT_USAGE, "%s", _("analysis cancelled"));
        if (o->analyze_text) {
            if (i > 0)
                lis_buf_addc(&b, '\n');
            lis_analysis_to_text(s->docs[i], an, &b);
        } else {
            /* compact: one object per line, JSON Lines for many files */
            lis_analysis_to_json(s->docs[i], an, pretty, &b);
        }
        end_line(&b);
        lis_analysis_free(an);
    }
    rc = emit(o, &b);
    lis_buf_free(&b);
    return rc;
}

/* Clippings get their French labels when messages are in French, the way
 * gettext decides it: LANGUAGE first unless the locale is C. */
static bool messages_in_french(void)
{
    const char *loc = setlocale(LC_MESSAGES, NULL);
    const char *language = getenv("LANGUAGE");

    if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
        return false;
    if (language && *language)
        return strncmp(language, "fr", 2) == 0;
    return strncmp(loc, "fr", 2) == 0;
}

static int run_export(const struct lis_cli_opts *o, struct session *s)
{
    struct lis_export_opts eo;
    struct lis_export_article *arts;
    struct lis_annotations *anns;
    struct lis_analysis **ans;
    char *datadir = lis_user_data_dir();
    time_t now = time(NULL);
    struct lis_buf b;
    size_t i;
    int rc = LIS_EXIT_OK;

    load_lexicons(s);
    arts = lis_xcalloc(s->n_docs, sizeof *arts);
    anns = lis_xcalloc(s->n_docs, sizeof *anns);
    ans = lis_xcalloc(s->n_docs, sizeof *ans);
    for (i = 0; i < s->n_docs; i++)
        lis_annotations_init(&anns[i]);

    for (i = 0; i < s->n_docs && rc == LIS_EXIT_OK; i++) {
        char hash[65];
        char *errmsg = NULL;
        enum lis_status st;

        ans[i] = lis_analyze(s->docs[i], s->lx, NULL, NULL);
        if (!ans[i])
            lis_die(LIS_EXIT_USAGE, "%s", _("analysis cancelled"));
        lis_document_hash(s->docs[i], hash);
        st = lis_annotations_load(datadir, hash, &anns[i], &errmsg);
        if (st != LIS_OK) {
            const char *msg = errmsg ? errmsg : lis_status_str(st);
            /* quotes need no annotations: go on without the notes; the
             * reader's own selections cannot be exported without them */
            if (o->select == LIS_SELECT_QUOTES) {
                warn(msg);
            } else {
                report(msg);
                rc = LIS_EXIT_USAGE;
            }
            lis_annotations_free(&anns[i]);
            lis_annotations_init(&anns[i]);
        }
        free(errmsg);
        if (rc == LIS_EXIT_OK)
            lis_export_collect(s->docs[i], ans[i], &anns[i], o->select, now,
                               &arts[i]);
    }

    if (rc == LIS_EXIT_OK) {
        memset(&eo, 0, sizeof eo);
        eo.format = o->export_format;
        eo.select = o->select;
        eo.with_parties = o->with_parties;
        eo.french = messages_in_french();
        eo.now = now;
        lis_buf_init(&b);
        lis_export_write(arts, s->n_docs, &eo, &b);
        rc = emit(o, &b);
        lis_buf_free(&b);
    }

    for (i = 0; i < s->n_docs; i++) {
        lis_export_article_clear(&arts[i]);
        lis_annotations_free(&anns[i]);
        if (ans[i])
            lis_analysis_free(ans[i]);
    }
    free(arts);
    free(anns);
    free(ans);
    free(datadir);
    return rc;
}

static int run_reader(const struct lis_config *cfg, struct session *s)
{
    struct lis_ui_opts u;
    const char *no_color = getenv("NO_COLOR");
    size_t i;

    load_lexicons(s);
    memset(&u, 0, sizeof u);
    u.docs = s->docs;
    u.n_docs = s->n_docs;
    u.lx = s->lx;
    u.measure = cfg->measure_set ? cfg->measure : 0;
    u.color = (enum lis_color_mode)cfg->color;
    /* NO_COLOR, set to any value, turns colour off unless the user asked
     * for it explicitly (--color=always or the configuration file) */
    if (u.color == LIS_COLOR_AUTO && no_color)
        u.color = LIS_COLOR_NEVER;
    u.config = cfg;
    u.resume = cfg->resume;
    u.panel = cfg->panel_set ? cfg->panel : -1;
    /* keys must come from the terminal when stdin is the article, or is
     * not a terminal at all (liseuse FILE < /dev/null) */
    u.keys_from_tty = !isatty(STDIN_FILENO);
    u.messages_french = messages_in_french();
    for (i = 0; i < s->n_docs; i++)
        if (s->docs[i]->path && strcmp(s->docs[i]->path, "-") == 0)
            u.keys_from_tty = true;
    return lis_ui_run(&u);
}

int lis_cli_run(const struct lis_cli_opts *o)
{
    struct session s;
    int rc;

    if (o->mode == LIS_CLI_HELP)
        return print_help();
    if (o->mode == LIS_CLI_VERSION)
        return print_version();

    memset(&s, 0, sizeof s);
    rc = load_documents(o, &s);
    if (rc == LIS_EXIT_OK) {
        switch (o->mode) {
        case LIS_CLI_ANALYZE:
            rc = run_analyze(o, &s);
            break;
        case LIS_CLI_EXPORT:
            rc = run_export(o, &s);
            break;
        default: {
            struct lis_config cfg;

            rc = load_config(o, &cfg);
            if (rc == LIS_EXIT_OK)
                rc = o->plain || !isatty(STDOUT_FILENO)
                         ? run_plain(&cfg, &s) : run_reader(&cfg, &s);
            lis_config_free(&cfg);
            break;
        }
        }
    }
    session_free(&s);
    return rc;
}
