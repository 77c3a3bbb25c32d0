/* analysis_report.c -- the analysis as JSON ("liseuse-analysis/1", the
 * contract documented in the man page) and as a readable text report. */
#include <config.h>

#include "liseuse/analysis.h"
#include "liseuse/json.h"
#include "liseuse/text.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- JSON */

static json_t *jstr_or_null(const char *s)
{
    json_t *j;

    if (!s)
        return json_null();
    j = json_string(s);
    return j ? j : json_null();
}

static json_t *jsize(size_t v)
{
    return json_integer((json_int_t)v);
}

/* The body's text over [start, end), clamped to the body. */
static json_t *jspan_text(const struct lis_document *doc, size_t start,
                          size_t end)
{
    json_t *j;

    if (!doc->body || start > doc->body_len)
        return json_string("");
    if (end > doc->body_len)
        end = doc->body_len;
    if (end < start)
        end = start;
    j = json_stringn(doc->body + start, end - start);
    return j ? j : json_string("");
}

static json_t *jspan(const struct lis_document *doc, size_t start, size_t end)
{
    json_t *o = json_object();

    json_object_set_new(o, "start", jsize(start));
    json_object_set_new(o, "end", jsize(end));
    json_object_set_new(o, "text", jspan_text(doc, start, end));
    return o;
}

static json_t *article_json(const struct lis_document *doc,
                            const struct lis_analysis *an)
{
    json_t *a = json_object();

    json_object_set_new(a, "path", jstr_or_null(doc->path));
    json_object_set_new(a, "title", jstr_or_null(lis_document_title(doc)));
    json_object_set_new(a, "source", jstr_or_null(doc->meta.source));
    json_object_set_new(a, "url", jstr_or_null(doc->meta.url));
    json_object_set_new(a, "date", jstr_or_null(doc->meta.date));
    json_object_set_new(a, "encoding", jstr_or_null(doc->encoding));
    json_object_set_new(a, "bytes", jsize(doc->body_len));
    json_object_set_new(a, "paragraphs", jsize(doc->n_paras));
    json_object_set_new(a, "sentences", jsize(an->n_sentences));
    json_object_set_new(a, "words", jsize(an->n_words));
    json_object_set_new(a, "invalid_sequences",
                        jsize(doc->invalid_sequences));
    return a;
}

static json_t *quotes_json(const struct lis_document *doc,
                           const struct lis_analysis *an)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < an->n_quotes; i++) {
        const struct lis_quote *q = &an->quotes[i];
        json_t *o = json_object(), *outer = json_object();
        bool known = q->speaker != LIS_NONE && q->speaker < an->n_entities;

        json_object_set_new(o, "id", jsize(q->id));
        json_object_set_new(o, "start", jsize(q->start));
        json_object_set_new(o, "end", jsize(q->end));
        json_object_set_new(o, "text", jspan_text(doc, q->start, q->end));
        json_object_set_new(o, "closed", json_boolean(q->closed));
        json_object_set_new(o, "paragraph", jsize(q->para));
        json_object_set_new(o, "speaker",
                            known ? jstr_or_null(an->entities[q->speaker].name)
                                  : json_null());
        json_object_set_new(o, "speaker_entity",
                            known ? jsize(q->speaker) : json_null());
        json_object_set_new(o, "cue", q->has_cue
                                          ? jspan(doc, q->cue.start, q->cue.end)
                                          : json_null());
        json_object_set_new(outer, "start", jsize(q->outer_start));
        json_object_set_new(outer, "end", jsize(q->outer_end));
        json_object_set_new(o, "outer", outer);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *entities_json(const struct lis_document *doc,
                             const struct lis_analysis *an)
{
    json_t *arr = json_array();
    size_t i, k;

    for (i = 0; i < an->n_entities; i++) {
        const struct lis_entity *e = &an->entities[i];
        json_t *o = json_object(), *ms = json_array();

        json_object_set_new(o, "id", jsize(e->id));
        json_object_set_new(o, "name", jstr_or_null(e->name));
        json_object_set_new(o, "type",
                            json_string(lis_entity_type_code(e->type)));
        for (k = 0; k < e->n_mentions; k++) {
            const struct lis_mention *m;
            json_t *mo;

            if (e->mentions[k] >= an->n_mentions)
                continue;
            m = &an->mentions[e->mentions[k]];
            mo = jspan(doc, m->start, m->end);
            json_object_set_new(mo, "kind",
                                json_string(lis_mention_kind_code(m->kind)));
            json_array_append_new(ms, mo);
        }
        json_object_set_new(o, "mentions", ms);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *parties_json(const struct lis_document *doc,
                            const struct lis_analysis *an)
{
    json_t *arr = json_array();
    size_t i, k;

    for (i = 0; i < an->n_parties; i++) {
        const struct lis_party *p = &an->parties[i];
        json_t *o = json_object(), *ev = json_array(), *qs = json_array();

        json_object_set_new(o, "entity", p->entity < an->n_entities
                                             ? jsize(p->entity)
                                             : json_null());
        json_object_set_new(o, "name", jstr_or_null(p->name));
        json_object_set_new(o, "role", json_string(lis_role_code(p->role)));
        json_object_set_new(o, "status",
                            jstr_or_null(lis_bid_status_code(p->status)));
        json_object_set_new(o, "stance",
                            jstr_or_null(lis_stance_code(p->stance)));
        for (k = 0; k < p->n_evidence; k++)
            json_array_append_new(ev, jspan(doc, p->evidence[k].start,
                                            p->evidence[k].end));
        json_object_set_new(o, "evidence", ev);
        for (k = 0; k < p->n_quotes; k++)
            json_array_append_new(qs, jsize(p->quotes[k]));
        json_object_set_new(o, "quotes", qs);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *deal_json(const struct lis_analysis *an)
{
    json_t *o;

    if (!an->deal)
        return json_null();
    o = json_object();
    json_object_set_new(o, "kind",
                        json_string(lis_deal_kind_code(an->deal->kind)));
    json_object_set_new(o, "status", jstr_or_null(an->deal->status));
    json_object_set_new(o, "summary", jstr_or_null(an->deal->summary));
    return o;
}

void lis_analysis_to_json(const struct lis_document *doc,
                          const struct lis_analysis *an, bool pretty,
                          struct lis_buf *out)
{
    json_t *root = json_object();

    json_object_set_new(root, "format", json_string("liseuse-analysis/1"));
    json_object_set_new(root, "article", article_json(doc, an));
    json_object_set_new(root, "quotes", quotes_json(doc, an));
    json_object_set_new(root, "entities", entities_json(doc, an));
    json_object_set_new(root, "parties", parties_json(doc, an));
    json_object_set_new(root, "deal", deal_json(an));
    lis_json_dump(root, (pretty ? JSON_INDENT(2) : JSON_COMPACT) |
                            JSON_PRESERVE_ORDER, out);
    json_decref(root);
    if (pretty)
        lis_buf_addc(out, '\n');
}

/* ---------------------------------------------------------------- text */

/* Text on one line, safe for a terminal: newlines (of a multi-paragraph
 * quotation) become " / ", tabs a space, controls and invisible format
 * characters their visible markers (^[, <U+202E>). */
static void add_flat(struct lis_buf *out, const char *s, size_t len)
{
    size_t i = 0, from = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t n;
        enum lis_glyph_kind k;

        if (c >= 0x20 && c < 0x7F) {
            i++;
            continue;
        }
        n = lis_lex_get_cp(s + i, len - i, &cp);
        k = lis_glyph_kind(cp);
        if (cp == '\n' || k != LIS_GLYPH_TEXT) {
            char marker[16];
            size_t ml;

            lis_buf_add(out, s + from, i - from);
            if (cp == '\n')
                lis_buf_adds(out, " / ");
            else if (k == LIS_GLYPH_TAB)
                lis_buf_addc(out, ' ');
            else if ((ml = lis_glyph_marker(cp, marker, sizeof marker)) > 0)
                lis_buf_add(out, marker, ml);
            from = i + n;
        }
        i += n;
    }
    lis_buf_add(out, s + from, len - from);
}

static void add_flats(struct lis_buf *out, const char *s)
{
    add_flat(out, s, strlen(s));
}

static const char *entity_name(const struct lis_analysis *an, size_t e)
{
    if (e == LIS_NONE || e >= an->n_entities || !an->entities[e].name)
        return NULL;
    return an->entities[e].name;
}

void lis_analysis_to_text(const struct lis_document *doc,
                          const struct lis_analysis *an,
                          struct lis_buf *out)
{
    struct lis_buf path;
    size_t i, k;
    int t;

    add_flats(out, lis_document_title(doc));
    lis_buf_addc(out, '\n');
    lis_buf_init(&path);
    add_flats(&path, doc->path ? doc->path : "-");
    lis_buf_printf(out, _("%s: %zu bytes, %zu paragraphs, %zu sentences, "
                          "%zu words (%s)\n"),
                   path.data, doc->body_len, doc->n_paras, an->n_sentences,
                   an->n_words, doc->encoding ? doc->encoding : "UTF-8");
    lis_buf_free(&path);
    if (doc->invalid_sequences)
        lis_buf_printf(out, P_("%zu invalid byte sequence replaced\n",
                               "%zu invalid byte sequences replaced\n",
                               doc->invalid_sequences),
                       doc->invalid_sequences);

    lis_buf_addc(out, '\n');
    lis_buf_printf(out, P_("%zu quotation\n", "%zu quotations\n",
                           an->n_quotes), an->n_quotes);
    for (i = 0; i < an->n_quotes; i++) {
        const struct lis_quote *q = &an->quotes[i];
        const char *who = entity_name(an, q->speaker);

        lis_buf_printf(out, "%3zu. « ", i + 1);
        add_flat(out, doc->body + q->start, q->end - q->start);
        lis_buf_adds(out, q->closed ? " »" : " …");
        lis_buf_printf(out, "\n     %s ", _("speaker:"));
        add_flats(out, who ? who : _("unknown"));
        if (q->has_cue) {
            lis_buf_printf(out, " (%s « ", _("cue"));
            add_flat(out, doc->body + q->cue.start,
                     q->cue.end - q->cue.start);
            lis_buf_adds(out, " »)");
        }
        if (!q->closed)
            lis_buf_printf(out, " [%s]", _("not closed"));
        lis_buf_printf(out, "; %s %zu\n", _("paragraph"), q->para + 1);
    }

    lis_buf_printf(out, "\n%s (%zu)\n", _("Entities"), an->n_entities);
    for (t = 0; t < LIS_ENT_COUNT; t++) {
        size_t count = 0;

        for (i = 0; i < an->n_entities; i++)
            count += an->entities[i].type == (enum lis_entity_type)t;
        if (count == 0)
            continue;
        lis_buf_printf(out, "  %s (%zu)\n",
                       lis_entity_type_label((enum lis_entity_type)t), count);
        for (i = 0; i < an->n_entities; i++) {
            const struct lis_entity *e = &an->entities[i];

            if (e->type != (enum lis_entity_type)t)
                continue;
            lis_buf_adds(out, "    ");
            add_flats(out, e->name ? e->name : "?");
            lis_buf_adds(out, " — ");
            lis_buf_printf(out, P_("%zu mention", "%zu mentions",
                                         e->n_mentions),
                           e->n_mentions);
            if (entity_name(an, e->linked)) {
                lis_buf_adds(out, " (→ ");
                add_flats(out, entity_name(an, e->linked));
                lis_buf_addc(out, ')');
            }
            lis_buf_addc(out, '\n');
        }
    }

    lis_buf_printf(out, "\n%s\n", _("Deal"));
    if (!an->deal) {
        lis_buf_printf(out, "  %s\n", _("no deal reported"));
    } else {
        lis_buf_printf(out, "  %s, %s", lis_deal_kind_code(an->deal->kind),
                       an->deal->status ? an->deal->status : "?");
        if (an->deal->summary) {
            lis_buf_adds(out, ": ");
            add_flats(out, an->deal->summary);
        }
        lis_buf_addc(out, '\n');
    }
    for (i = 0; i < an->n_parties; i++) {
        const struct lis_party *p = &an->parties[i];

        /* TRANSLATORS: a party's role, then its name */
        lis_buf_printf(out, _("  %s: "), lis_party_label(p->role, p->status));
        add_flats(out, p->name ? p->name
                               : (entity_name(an, p->entity)
                                      ? entity_name(an, p->entity) : "?"));
        if (p->n_quotes) {
            lis_buf_printf(out, " (%s", _("quotations"));
            for (k = 0; k < p->n_quotes; k++)
                lis_buf_printf(out, "%s%zu", k ? ", " : " ", p->quotes[k] + 1);
            lis_buf_addc(out, ')');
        }
        lis_buf_addc(out, '\n');
    }
}
