/* library.h -- the list of articles (src/ui/ only): shown first when the
 * reader was given several articles (a directory, several files). */
#ifndef LISEUSE_UI_LIBRARY_H
#define LISEUSE_UI_LIBRARY_H

#include "app.h"

/* With more than one article: build the list (sorted by date, newest
 * first), start counting quotes and parties in the background, and enter
 * LIS_MODE_LIBRARY.  false (and nothing done) with one article. */
bool lis_library_init(struct lis_app *a);
/* Stop the counting thread and free the list. */
void lis_library_free(struct lis_app *a);
/* True when new counts arrived since the last call (redraw the list). */
bool lis_library_poll(struct lis_app *a);
/* Back to the list from an article (q): quit when there is no list. */
enum lis_reaction lis_library_show(struct lis_app *a);
void lis_library_draw(struct lis_app *a);
enum lis_reaction lis_library_key(struct lis_app *a, int key);
/* Row of the current article in the list (its index without a list). */
size_t lis_library_row(const struct lis_app *a);
/* The key after ':' (n, p). */
enum lis_reaction lis_library_command_key(struct lis_app *a, int key);

#endif
