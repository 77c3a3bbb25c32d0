/* export_writers.c -- one walk over the excerpts, one small writer per
 * format (as ncdu's dir_output): Markdown, JSON, plain text, Readwise CSV
 * and Kindle "My Clippings.txt".  Every string that reaches the output goes
 * through lis_export_clean_text first, so no writer emits a raw control
 * character whatever the article, the notes or the file name hold. */
#include <config.h>

#include "liseuse/export.h"
#include "liseuse/json.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct wctx {
    const struct lis_export_opts *o;
    struct lis_buf *out;
    size_t n_articles;
    json_t *root;           /* json: the document being built */
    json_t *articles;       /* json: "articles" when there are several */
    json_t *excerpts;       /* json: the current article's excerpts */
    bool need_sep;          /* txt: a rule before the next block */
};

struct writer {
    void (*begin)(struct wctx *w);
    void (*article)(struct wctx *w, const struct lis_export_article *a,
                    size_t index);
    void (*excerpt)(struct wctx *w, const struct lis_export_article *a,
                    const struct lis_excerpt *e);
    void (*end)(struct wctx *w);
};

/* ---------------------------------------------------------------- shared */

static void add_clean(struct lis_buf *b, const char *s, bool keep_newlines)
{
    if (s)
        lis_export_clean_text(s, strlen(s), keep_newlines, b);
}

static char *clean_dup(const char *s, bool keep_newlines)
{
    struct lis_buf b;

    lis_buf_init(&b);
    add_clean(&b, s, keep_newlines);
    return lis_buf_steal(&b, NULL);
}

static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

/* Who wrote it, as reading tools want an author: the front matter's
 * author, else the publication. */
static const char *author_of(const struct lis_document *doc)
{
    const char *a = nonempty(doc->meta.author);

    return a ? a : nonempty(doc->meta.source);
}

/* Paragraph (1-based) of the last character of an excerpt. */
static size_t last_para(const struct lis_export_article *a,
                        const struct lis_excerpt *e)
{
    if (!a->doc->n_paras || e->end == 0)
        return e->para;
    return lis_document_para_at(a->doc, e->end - 1) + 1;
}

static bool has_parties(const struct wctx *w,
                        const struct lis_export_article *a)
{
    return w->o->with_parties && a->an &&
           ((a->an->deal && nonempty(a->an->deal->summary)) ||
            a->an->n_parties);
}

/* Times are written in UTC so that an export does not depend on where it
 * was made (and tests do not depend on TZ). */
static void utc(time_t t, struct tm *tm)
{
    if (!gmtime_r(&t, tm)) {
        time_t zero = 0;
        gmtime_r(&zero, tm);
    }
}

/* ---------------------------------------------------------------- md */

/* Backslash-escape what Markdown would read as inline markup ('#' too in
 * a heading, where a trailing run would be taken for a closing sequence). */
static void md_inline_ex(struct lis_buf *b, const char *s, size_t len,
                         bool heading)
{
    size_t i;

    for (i = 0; i < len; i++) {
        char c = s[i];

        switch (c) {
        case '\\': case '`': case '*': case '_': case '[': case ']':
        case '<': case '~':
            lis_buf_addc(b, '\\');
            break;
        case '#':
            if (heading)
                lis_buf_addc(b, '\\');
            break;
        case '&':
            /* only where it could start an entity (&amp; &#32;) */
            if (i + 1 < len && (s[i + 1] == '#' ||
                                (s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
                                (s[i + 1] >= 'A' && s[i + 1] <= 'Z')))
                lis_buf_addc(b, '\\');
            break;
        default:
            break;
        }
        lis_buf_addc(b, c);
    }
}

static void md_inline(struct lis_buf *b, const char *s, size_t len)
{
    md_inline_ex(b, s, len, false);
}

/* One line of text in Markdown, so that it reads back as the same text:
 * a line that starts like a heading, a quote, a list item, a rule, a fence
 * or a table row gets its first mark escaped, and a deep indent (which
 * would make a code block) starts with an entity. */
static void md_line(struct lis_buf *b, const char *s, size_t len)
{
    size_t sp = 0, d = 0;

    while (sp < len && s[sp] == ' ')
        sp++;
    if (sp >= 4) {
        lis_buf_adds(b, "&#32;");
        lis_buf_add(b, s + 1, sp - 1);
    } else {
        lis_buf_add(b, s, sp);
    }
    s += sp;
    len -= sp;
    if (len == 0)
        return;
    switch (s[0]) {
    case '#': case '>': case '-': case '+': case '=': case '|':
        lis_buf_addc(b, '\\');
        lis_buf_addc(b, s[0]);
        s++;
        len--;
        break;
    default:
        while (d < len && d < 9 && s[d] >= '0' && s[d] <= '9')
            d++;
        if (d > 0 && d < len && (s[d] == '.' || s[d] == ')')) {
            lis_buf_add(b, s, d);
            lis_buf_addc(b, '\\');
            lis_buf_addc(b, s[d]);
            s += d + 1;
            len -= d + 1;
        }
        break;
    }
    md_inline(b, s, len);
}

/* Each line of clean text, with prefix before it ("> " for a blockquote;
 * an empty line gets the prefix without its trailing space). */
static void md_lines(struct lis_buf *b, const char *text, const char *prefix)
{
    const char *p = text;

    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);

        if (len == 0 && prefix[0] && prefix[strlen(prefix) - 1] == ' ')
            lis_buf_add(b, prefix, strlen(prefix) - 1);
        else
            lis_buf_adds(b, prefix);
        md_line(b, p, len);
        lis_buf_addc(b, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
}

static void md_inline_str(struct lis_buf *b, const char *s)
{
    char *c = clean_dup(s, false);

    md_inline(b, c, strlen(c));
    free(c);
}

/* A web address that Markdown takes literally between < and > (no escapes
 * are read there, so "a_b" stays "a_b").  Other schemes (javascript:...)
 * are left as escaped text, not made into links. */
static bool md_autolink_ok(const char *u)
{
    size_t i;

    if (strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0)
        return false;
    for (i = 0; u[i]; i++)
        if (u[i] == ' ' || u[i] == '<' || u[i] == '>')
            return false;
    return true;
}

/* "Source · date · url", only the parts that are known; false if none. */
static bool info_line(struct lis_buf *b, const struct lis_document *doc,
                      bool markdown)
{
    const char *parts[3];
    size_t n = 0, i;

    if (nonempty(doc->meta.source))
        parts[n++] = doc->meta.source;
    if (nonempty(doc->meta.date))
        parts[n++] = doc->meta.date;
    if (nonempty(doc->meta.url))
        parts[n++] = doc->meta.url;
    for (i = 0; i < n; i++) {
        char *c = clean_dup(parts[i], false);

        if (i)
            lis_buf_adds(b, " · ");
        if (!markdown)
            lis_buf_adds(b, c);
        else if (parts[i] == doc->meta.url && md_autolink_ok(c))
            lis_buf_printf(b, "<%s>", c);
        else if (i == 0)
            md_line(b, c, strlen(c));
        else
            md_inline(b, c, strlen(c));
        free(c);
    }
    return n > 0;
}

static void md_article(struct wctx *w, const struct lis_export_article *a,
                       size_t index)
{
    struct lis_buf *b = w->out;
    char *title = clean_dup(lis_document_title(a->doc), false);
    size_t i;

    if (index)
        lis_buf_addc(b, '\n');
    lis_buf_adds(b, "# ");
    md_inline_ex(b, title, strlen(title), true);
    lis_buf_addc(b, '\n');
    free(title);
    {
        struct lis_buf line;

        lis_buf_init(&line);
        if (info_line(&line, a->doc, true)) {
            lis_buf_addc(b, '\n');
            lis_buf_add(b, line.data, line.len);
            lis_buf_addc(b, '\n');
        }
        lis_buf_free(&line);
    }
    if (has_parties(w, a)) {
        const struct lis_analysis *an = a->an;

        lis_buf_addc(b, '\n');
        if (an->deal && nonempty(an->deal->summary)) {
            char *s = clean_dup(an->deal->summary, true);

            md_lines(b, s, "");
            free(s);
            if (an->n_parties)
                lis_buf_addc(b, '\n');
        }
        for (i = 0; i < an->n_parties; i++) {
            const struct lis_party *p = &an->parties[i];
            struct lis_buf name;

            lis_buf_init(&name);
            lis_buf_adds(&name, "");
            md_inline_str(&name, p->name);
            lis_buf_adds(b, "- ");
            /* TRANSLATORS: a deal party in an export: "Role: Name" */
            lis_buf_printf(b, _("%s: %s"), lis_party_label(p->role, p->status),
                           name.data);
            lis_buf_addc(b, '\n');
            lis_buf_free(&name);
        }
    }
}

static void md_excerpt(struct wctx *w, const struct lis_export_article *a,
                       const struct lis_excerpt *e)
{
    struct lis_buf *b = w->out;

    (void)a;
    lis_buf_addc(b, '\n');
    md_lines(b, e->text, "> ");
    lis_buf_adds(b, "\n— ");
    if (e->speaker) {
        md_inline_str(b, e->speaker);
        lis_buf_adds(b, ", ");
    }
    lis_buf_printf(b, "§ %zu\n", e->para);
    if (e->note) {
        char *note = clean_dup(e->note, true);
        const char *nl = strchr(note, '\n');

        lis_buf_addc(b, '\n');
        /* TRANSLATORS: before the reader's note on an excerpt */
        lis_buf_adds(b, _("Note:"));
        lis_buf_addc(b, ' ');
        md_line(b, note, nl ? (size_t)(nl - note) : strlen(note));
        lis_buf_addc(b, '\n');
        if (nl)
            md_lines(b, nl + 1, "");
        free(note);
    }
}

/* ---------------------------------------------------------------- txt */

#define TXT_RULE "----------------------------------------"
#define TXT_ARTICLE_RULE "========================================"

static void txt_block(struct wctx *w)
{
    if (w->need_sep)
        lis_buf_adds(w->out, "\n" TXT_RULE "\n\n");
    w->need_sep = true;
}

static void txt_article(struct wctx *w, const struct lis_export_article *a,
                        size_t index)
{
    struct lis_buf *b = w->out;
    size_t i;

    if (index)
        lis_buf_adds(b, "\n" TXT_ARTICLE_RULE "\n\n");
    add_clean(b, lis_document_title(a->doc), false);
    lis_buf_addc(b, '\n');
    if (info_line(b, a->doc, false))
        lis_buf_addc(b, '\n');
    w->need_sep = true;
    if (has_parties(w, a)) {
        const struct lis_analysis *an = a->an;

        txt_block(w);
        if (an->deal && nonempty(an->deal->summary)) {
            add_clean(b, an->deal->summary, true);
            lis_buf_addc(b, '\n');
        }
        for (i = 0; i < an->n_parties; i++) {
            char *name = clean_dup(an->parties[i].name, false);

            lis_buf_adds(b, "- ");
            lis_buf_printf(b, _("%s: %s"),
                           lis_party_label(an->parties[i].role,
                                           an->parties[i].status), name);
            lis_buf_addc(b, '\n');
            free(name);
        }
    }
}

static void txt_excerpt(struct wctx *w, const struct lis_export_article *a,
                        const struct lis_excerpt *e)
{
    struct lis_buf *b = w->out;

    (void)a;
    txt_block(w);
    lis_buf_adds(b, e->text);
    lis_buf_adds(b, "\n— ");
    if (e->speaker) {
        add_clean(b, e->speaker, false);
        lis_buf_adds(b, ", ");
    }
    lis_buf_printf(b, "§ %zu\n", e->para);
    if (e->note) {
        lis_buf_adds(b, _("Note:"));
        lis_buf_addc(b, ' ');
        add_clean(b, e->note, true);
        lis_buf_addc(b, '\n');
    }
}

/* ---------------------------------------------------------------- csv */

/* RFC 4180: a field with a comma, a quote or a line break is quoted, its
 * quotes doubled. */
static void csv_field(struct lis_buf *b, const char *s, bool last)
{
    char *c = clean_dup(s ? s : "", true);
    const char *p;

    if (strpbrk(c, ",\"\r\n")) {
        lis_buf_addc(b, '"');
        for (p = c; *p; p++) {
            if (*p == '"')
                lis_buf_addc(b, '"');
            lis_buf_addc(b, *p);
        }
        lis_buf_addc(b, '"');
    } else {
        lis_buf_adds(b, c);
    }
    lis_buf_adds(b, last ? "\r\n" : ",");
    free(c);
}

static void csv_begin(struct wctx *w)
{
    lis_buf_adds(w->out, "Highlight,Title,Author,URL,Note,Location,Date\r\n");
}

static void csv_excerpt(struct wctx *w, const struct lis_export_article *a,
                        const struct lis_excerpt *e)
{
    struct lis_buf *b = w->out;
    char num[32], date[32];
    struct tm tm;

    csv_field(b, e->text, false);
    csv_field(b, lis_document_title(a->doc), false);
    csv_field(b, author_of(a->doc), false);
    csv_field(b, a->doc->meta.url, false);
    csv_field(b, e->note, false);
    snprintf(num, sizeof num, "%zu", e->para);
    csv_field(b, num, false);
    utc(e->created, &tm);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
    csv_field(b, date, true);
}

/* ---------------------------------------------------------------- clippings */

/* Kindle's own wording, in English or French whatever the process locale
 * says: the labels are part of a file format that parsers match. */
static const char *const en_days[] = { "Sunday", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const en_months[] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };
static const char *const fr_days[] = { "dimanche", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi" };
static const char *const fr_months[] = { "janvier", "février", "mars",
    "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre" };

static void kindle_date(struct lis_buf *b, time_t t, bool french)
{
    struct tm tm;

    utc(t, &tm);
    if (french) {
        lis_buf_printf(b, "%s %d %s %d %02d:%02d:%02d", fr_days[tm.tm_wday],
                       tm.tm_mday, fr_months[tm.tm_mon], tm.tm_year + 1900,
                       tm.tm_hour, tm.tm_min, tm.tm_sec);
    } else {
        int h12 = tm.tm_hour % 12 ? tm.tm_hour % 12 : 12;

        lis_buf_printf(b, "%s, %s %d, %d %d:%02d:%02d %s",
                       en_days[tm.tm_wday], en_months[tm.tm_mon], tm.tm_mday,
                       tm.tm_year + 1900, h12, tm.tm_min, tm.tm_sec,
                       tm.tm_hour < 12 ? "AM" : "PM");
    }
}

/* "Title (Author)"; Kindle shows documents without one as by "Unknown". */
static void clip_title(struct lis_buf *b, const struct lis_export_article *a,
                       bool french)
{
    const char *author = author_of(a->doc);

    add_clean(b, lis_document_title(a->doc), false);
    lis_buf_adds(b, " (");
    if (author)
        add_clean(b, author, false);
    else
        lis_buf_adds(b, french ? "Inconnu" : "Unknown");
    lis_buf_adds(b, ")\r\n");
}

static void clippings_excerpt(struct wctx *w,
                              const struct lis_export_article *a,
                              const struct lis_excerpt *e)
{
    struct lis_buf *b = w->out;
    bool fr = w->o->french;
    size_t last = last_para(a, e);

    clip_title(b, a, fr);
    lis_buf_printf(b, fr ? "- Votre surlignement à l’emplacement %zu-%zu | "
                           "Ajouté le "
                         : "- Your Highlight at location %zu-%zu | Added on ",
                   e->para, last);
    kindle_date(b, e->created, fr);
    lis_buf_adds(b, "\r\n\r\n");
    /* one entry is one line of text in Kindle's files */
    add_clean(b, e->text, false);
    lis_buf_adds(b, "\r\n==========\r\n");
    if (e->note) {
        clip_title(b, a, fr);
        lis_buf_printf(b, fr ? "- Votre note à l’emplacement %zu | Ajouté le "
                             : "- Your Note at location %zu | Added on ",
                       last);
        kindle_date(b, e->created, fr);
        lis_buf_adds(b, "\r\n\r\n");
        add_clean(b, e->note, false);
        lis_buf_adds(b, "\r\n==========\r\n");
    }
}

/* ---------------------------------------------------------------- json */

static json_t *jstr(const char *s)
{
    json_t *j;
    char *c;

    if (!s)
        return json_null();
    c = clean_dup(s, true);
    j = json_stringn(c, strlen(c));
    free(c);
    return j ? j : json_null();
}

static void json_begin(struct wctx *w)
{
    char when[21];

    w->root = json_object();
    json_object_set_new(w->root, "format", json_string("liseuse-excerpts/1"));
    lis_format_iso8601(w->o->now, when);
    if (w->n_articles != 1) {
        json_object_set_new(w->root, "exported", json_string(when));
        w->articles = json_array();
        json_object_set_new(w->root, "articles", w->articles);
    } else {
        /* "article" comes before "exported" in the single-article form */
        w->articles = NULL;
    }
}

static json_t *json_parties(const struct lis_analysis *an)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < an->n_parties; i++) {
        const struct lis_party *p = &an->parties[i];
        json_t *o = json_object();
        const char *status = lis_bid_status_code(p->status);
        const char *stance = lis_stance_code(p->stance);

        json_object_set_new(o, "name", jstr(p->name));
        json_object_set_new(o, "role", jstr(lis_role_code(p->role)));
        json_object_set_new(o, "status", jstr(status));
        json_object_set_new(o, "stance", jstr(stance));
        json_array_append_new(arr, o);
    }
    return arr;
}

static void json_article(struct wctx *w, const struct lis_export_article *a,
                         size_t index)
{
    const struct lis_document *doc = a->doc;
    json_t *art = json_object(), *holder;

    (void)index;
    json_object_set_new(art, "title", jstr(lis_document_title(doc)));
    json_object_set_new(art, "author", jstr(nonempty(doc->meta.author)));
    json_object_set_new(art, "source", jstr(nonempty(doc->meta.source)));
    json_object_set_new(art, "url", jstr(nonempty(doc->meta.url)));
    json_object_set_new(art, "date", jstr(nonempty(doc->meta.date)));
    json_object_set_new(art, "path", jstr(doc->path));
    json_object_set_new(art, "sha256", jstr(a->sha256));
    if (w->articles) {
        holder = json_object();
        json_array_append_new(w->articles, holder);
        json_object_set_new(holder, "article", art);
    } else {
        char when[21];

        holder = w->root;
        json_object_set_new(holder, "article", art);
        lis_format_iso8601(w->o->now, when);
        json_object_set_new(holder, "exported", json_string(when));
    }
    if (w->o->with_parties) {
        const struct lis_deal *deal = a->an ? a->an->deal : NULL;

        if (deal) {
            json_t *d = json_object();

            json_object_set_new(d, "kind", jstr(lis_deal_kind_code(deal->kind)));
            json_object_set_new(d, "status", jstr(deal->status));
            json_object_set_new(d, "summary", jstr(deal->summary));
            json_object_set_new(holder, "deal", d);
        } else {
            json_object_set_new(holder, "deal", json_null());
        }
        json_object_set_new(holder, "parties",
                            a->an ? json_parties(a->an) : json_array());
    }
    w->excerpts = json_array();
    json_object_set_new(holder, "excerpts", w->excerpts);
}

static void json_excerpt(struct wctx *w, const struct lis_export_article *a,
                         const struct lis_excerpt *e)
{
    json_t *o = json_object();
    char when[21];
    /* two decimals are plenty for a percentage, and keep the output
     * stable across libcs */
    double pos = (double)(long long)(e->position * 100.0 + 0.5) / 100.0;

    (void)a;
    json_object_set_new(o, "id", json_string(e->id));
    json_object_set_new(o, "kind", json_string(e->kind == LIS_EXCERPT_QUOTE
                                               ? "quote" : "highlight"));
    json_object_set_new(o, "text", jstr(e->text));
    json_object_set_new(o, "speaker", jstr(e->speaker));
    json_object_set_new(o, "note", jstr(e->note));
    json_object_set_new(o, "start", json_integer((json_int_t)e->start));
    json_object_set_new(o, "end", json_integer((json_int_t)e->end));
    json_object_set_new(o, "paragraph", json_integer((json_int_t)e->para));
    json_object_set_new(o, "position", json_real(pos));
    json_object_set_new(o, "context", jstr(e->context));
    lis_format_iso8601(e->created, when);
    json_object_set_new(o, "created", json_string(when));
    json_array_append_new(w->excerpts, o);
}

static void json_end(struct wctx *w)
{
    lis_json_dump(w->root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                               JSON_REAL_PRECISION(12), w->out);
    json_decref(w->root);
    w->root = NULL;
    lis_buf_addc(w->out, '\n');
}

/* ---------------------------------------------------------------- walk */

static const struct writer writers[LIS_EXPORT_COUNT] = {
    [LIS_EXPORT_MD] = { NULL, md_article, md_excerpt, NULL },
    [LIS_EXPORT_JSON] = { json_begin, json_article, json_excerpt, json_end },
    [LIS_EXPORT_TXT] = { NULL, txt_article, txt_excerpt, NULL },
    [LIS_EXPORT_CSV] = { csv_begin, NULL, csv_excerpt, NULL },
    [LIS_EXPORT_CLIPPINGS] = { NULL, NULL, clippings_excerpt, NULL },
};

void lis_export_write(const struct lis_export_article *arts, size_t n,
                      const struct lis_export_opts *o, struct lis_buf *out)
{
    const struct writer *wr;
    struct wctx w;
    size_t i, j;

    lis_buf_reserve(out, 0);
    if ((size_t)o->format >= LIS_EXPORT_COUNT)
        return;
    wr = &writers[o->format];
    memset(&w, 0, sizeof w);
    w.o = o;
    w.out = out;
    w.n_articles = n;
    if (wr->begin)
        wr->begin(&w);
    for (i = 0; i < n; i++) {
        if (wr->article)
            wr->article(&w, &arts[i], i);
        for (j = 0; j < arts[i].n_excerpts; j++)
            wr->excerpt(&w, &arts[i], &arts[i].excerpts[j]);
    }
    if (wr->end)
        wr->end(&w);
}
