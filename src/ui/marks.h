/* marks.h -- what the reader keeps of an article (src/ui/ only): marked
 * quotes (x), own highlights (v), notes (a), saved after every change
 * (export.h: lis_annotations_*); and the export dialog (e). */
#ifndef LISEUSE_UI_MARKS_H
#define LISEUSE_UI_MARKS_H

#include "app.h"
#include "liseuse/export.h"

struct lis_marks {
    struct lis_annotations ann;
    char *dir;                  /* $XDG_DATA_HOME/liseuse */
    /* the file could not be read: never save over it (export.h) */
    bool readonly;
    char *load_error;           /* why, for the status line */
    /* the visual selection, [sel_start, sel_end) */
    size_t sel_start, sel_end;
    /* the highlight made last, the focused excerpt while the focused
     * quote is still the one of that moment */
    size_t hl_start, hl_end;    /* LIS_NONE when none */
    size_t hl_focus_quote;
    /* the excerpt a note is being typed for */
    bool note_on_mark;
    bool note_new_mark;         /* a marked the quote: Esc unmarks it */
    size_t note_start, note_end;
};

/* Load the annotations of the current article (a->hash); a file that
 * cannot be read is reported on the status line and left alone. */
void lis_marks_open(struct lis_app *a);
void lis_marks_close(struct lis_app *a);

/* The quote x and a act on: the focused one while it is on screen, else
 * the quote under the top third of the screen; LIS_NONE when none. */
size_t lis_marks_focused_quote(struct lis_app *a);
/* True when the quote span [start, end) is marked. */
bool lis_marks_is_marked(const struct lis_app *a, size_t start, size_t end);

/* The actions: x, v, a. */
enum lis_reaction lis_marks_toggle(struct lis_app *a);
enum lis_reaction lis_marks_visual_start(struct lis_app *a);
enum lis_reaction lis_marks_visual_key(struct lis_app *a, int key);
enum lis_reaction lis_marks_note(struct lis_app *a);

/* Paint marked quotes, highlights and the selection over the styles of
 * the line [ls, le) being drawn (a->cells / a->cstyle, view.c). */
void lis_marks_style_line(struct lis_app *a, size_t ls, size_t le);

/* export_dialog.c */
enum lis_reaction lis_export_dialog_open(struct lis_app *a);
enum lis_reaction lis_export_dialog_key(struct lis_app *a, int key);
void lis_export_dialog_draw(struct lis_app *a);
void lis_export_dialog_free(struct lis_app *a);
/* Default file for an export of doc in format f: "<basename without
 * .txt>-extraits.<ext>" in cfg_dir (the configuration's [export]
 * directory, may be NULL) else beside the article, or in the current
 * directory when that directory is not writable; "extraits.<ext>" when
 * the article is stdin.  malloc'd. */
char *lis_export_default_path(const struct lis_document *doc,
                              enum lis_export_format f, const char *cfg_dir);

#endif
