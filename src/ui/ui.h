/* ui.h -- the only door into the terminal interface (src/ui/).  main/cli
 * load the documents and options; everything that draws lives behind this. */
#ifndef LISEUSE_UI_H
#define LISEUSE_UI_H

#include "liseuse/common.h"
#include "liseuse/document.h"
#include "liseuse/lexicon.h"

enum lis_color_mode { LIS_COLOR_AUTO, LIS_COLOR_ALWAYS, LIS_COLOR_NEVER };

struct lis_config;

struct lis_ui_opts {
    struct lis_document **docs;  /* one or more loaded articles (borrowed) */
    size_t n_docs;
    const struct lis_lexicons *lx; /* for the analysis (borrowed) */
    int measure;                 /* reading measure in cells; 0 = 80 */
    enum lis_color_mode color;
    bool resume;                 /* restore the last reading position */
    int panel;                   /* -1 auto (wide terminals), 0 off, 1 on */
    bool keys_from_tty;          /* stdin was the article: read /dev/tty */
    bool messages_french;        /* French labels in exported clippings */
    /* The configuration file's [keys], [colors] and [search] (borrowed;
     * NULL: the defaults).  measure, color, resume and panel above are
     * taken as given, not from here. */
    const struct lis_config *config;
};

/* Names of the reader's actions ("line_down", "quote_next"...), for
 * validating a configuration's [keys] (lis_config_load's action_names).
 * Static; *n gets the count. */
const char *const *lis_ui_action_names(size_t *n);

/* Run the interactive reader until the user quits.  Returns the process
 * exit status (0, or 2 after printing a one-line error such as an unknown
 * terminal).  The terminal is restored on every exit path. */
int lis_ui_run(const struct lis_ui_opts *o);

#endif
