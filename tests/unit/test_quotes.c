/* test_quotes.c -- quotation marks paired by position and context, and
 * speakers from speech cues.  The entity mentions are made by hand here,
 * so these tests do not depend on the entity stage. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>

#include "liseuse/analysis.h"

#include "fixtures.h"

struct run {
    struct lis_document *doc;
    struct lis_analysis an;
};

static bool is_word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

static int cmp_mention(const void *a, const void *b)
{
    const struct lis_mention *x = a, *y = b;

    return x->start < y->start ? -1 : x->start > y->start;
}

/* Analyse text with hand-made mentions: ents is "Name=alt1|alt2;Other=..."
 * and every whole-word occurrence of an alternative is a mention of that
 * entity (the first alternative is also its name when no '=' is given). */
static void run_text(struct run *r, const char *text, const char *ents)
{
    size_t cap = 0, ecap = 0;

    memset(r, 0, sizeof *r);
    assert_int_equal(lis_document_from_bytes(text, strlen(text), "t.txt",
                                             NULL, &r->doc), LIS_OK);
    lis_sentences_split(r->doc, lexicons, &r->an);
    while (ents && *ents) {
        const char *semi = strchr(ents, ';'), *eq;
        size_t len = semi ? (size_t)(semi - ents) : strlen(ents), e;
        char *spec = lis_xstrndup(ents, len), *alts, *alt, *save = NULL;

        eq = strchr(spec, '=');
        e = r->an.n_entities;
        r->an.entities = lis_xgrow(r->an.entities, &ecap, e + 1,
                                   sizeof *r->an.entities);
        memset(&r->an.entities[e], 0, sizeof r->an.entities[e]);
        r->an.entities[e].id = e;
        r->an.entities[e].linked = LIS_NONE;
        r->an.entities[e].name = lis_xstrndup(spec, eq ? (size_t)(eq - spec)
                                                       : strcspn(spec, "|"));
        r->an.n_entities++;
        alts = eq ? (char *)eq + 1 : spec;
        for (alt = strtok_r(alts, "|", &save); alt;
             alt = strtok_r(NULL, "|", &save)) {
            const char *b = r->doc->body, *p = b;
            size_t al = strlen(alt);

            while ((p = strstr(p, alt)) != NULL) {
                size_t st = (size_t)(p - b);

                if ((st == 0 || !is_word_byte(b[st - 1])) &&
                    !is_word_byte(b[st + al])) {
                    struct lis_mention *m;

                    r->an.mentions = lis_xgrow(r->an.mentions, &cap,
                                               r->an.n_mentions + 1,
                                               sizeof *r->an.mentions);
                    m = &r->an.mentions[r->an.n_mentions++];
                    m->start = st;
                    m->end = st + al;
                    m->entity = e;
                    m->kind = LIS_MENTION_NAME;
                }
                p += al;
            }
        }
        free(spec);
        ents = semi ? semi + 1 : NULL;
    }
    if (r->an.n_mentions > 1)
        qsort(r->an.mentions, r->an.n_mentions, sizeof *r->an.mentions,
              cmp_mention);
    lis_quotes_find(r->doc, lexicons, &r->an);
}

static void run_free(struct run *r)
{
    size_t i;

    for (i = 0; i < r->an.n_entities; i++)
        free(r->an.entities[i].name);
    free(r->an.entities);
    free(r->an.mentions);
    free(r->an.sentences);
    free(r->an.quotes);
    lis_document_free(r->doc);
}

static void assert_span(const struct run *r, size_t start, size_t end,
                        const char *want)
{
    if (end - start != strlen(want) ||
        memcmp(r->doc->body + start, want, strlen(want)) != 0)
        fail_msg("got [%.*s], want [%s]", (int)(end - start),
                 r->doc->body + start, want);
}

static void assert_quote(const struct run *r, size_t i, const char *text,
                         const char *speaker)
{
    const struct lis_quote *q;

    if (i >= r->an.n_quotes)
        fail_msg("quote %zu missing (%zu found)", i, r->an.n_quotes);
    q = &r->an.quotes[i];
    assert_int_equal(q->id, i);
    assert_span(r, q->start, q->end, text);
    if (!speaker) {
        if (q->speaker != LIS_NONE)
            fail_msg("quote %zu [%s]: speaker %s, want none", i, text,
                     r->an.entities[q->speaker].name);
    } else if (q->speaker == LIS_NONE) {
        fail_msg("quote %zu [%s]: no speaker, want %s", i, text, speaker);
    } else {
        assert_string_equal(r->an.entities[q->speaker].name, speaker);
    }
}

/* One quotation, text and speaker; returns nothing, checks everything. */
static void one(const char *text, const char *ents, const char *quoted,
                const char *speaker)
{
    struct run r;

    run_text(&r, text, ents);
    if (r.an.n_quotes != 1)
        fail_msg("%zu quotes in [%s]", r.an.n_quotes, text);
    assert_quote(&r, 0, quoted, speaker);
    run_free(&r);
}

/* ---------------------------------------------------------------- marks */

static void test_each_mark_pair(void **state)
{
    static const char *const texts[] = {
        "Il dit « oui » ici.", "Il dit “oui” ici.", "Il dit „oui“ ici.",
        "Il dit \"oui\" ici.", "Il dit ‹ oui › ici.",
        "Il dit «\xc2\xa0oui\xc2\xa0» ici.",       /* NBSP padding */
        "Il dit «\xe2\x80\xaf" "oui\xe2\x80\xaf» ici.",  /* NNBSP */
        "Il dit ”oui” ici.",                       /* Swedish-style */
    };
    size_t i;

    (void)state;
    for (i = 0; i < LIS_ARRAY_LEN(texts); i++) {
        struct run r;
        const struct lis_quote *q;

        run_text(&r, texts[i], NULL);
        if (r.an.n_quotes != 1)
            fail_msg("%zu quotes in [%s]", r.an.n_quotes, texts[i]);
        q = &r.an.quotes[0];
        assert_span(&r, q->start, q->end, "oui");
        assert_true(q->closed);
        assert_int_equal(q->outer_start, strlen("Il dit "));
        assert_int_equal(q->outer_end, strlen(texts[i]) - strlen(" ici."));
        assert_int_equal(q->speaker, LIS_NONE);
        run_free(&r);
    }
}

/* Real French sites open and close with the same “ (U+201C). */
static void test_mismatched_marks(void **state)
{
    struct run r;

    (void)state;
    run_text(&r, "Il explique “c’est fini“. Puis “on verra“, et “la "
                 "suite”.\nEnsuite „rien“ et “tout“ !", NULL);
    assert_int_equal(r.an.n_quotes, 5);
    assert_quote(&r, 0, "c’est fini", NULL);
    assert_quote(&r, 1, "on verra", NULL);
    assert_quote(&r, 2, "la suite", NULL);
    assert_quote(&r, 3, "rien", NULL);
    assert_quote(&r, 4, "tout", NULL);
    assert_true(r.an.quotes[0].closed && r.an.quotes[4].closed);
    run_free(&r);

    /* straight quotes alternate */
    run_text(&r, "Les \"un\", \"deux\" et \"trois\".", NULL);
    assert_int_equal(r.an.n_quotes, 3);
    assert_quote(&r, 2, "trois", NULL);
    run_free(&r);
}

static void test_nested(void **state)
{
    struct run r;
    const struct lis_quote *o, *in;

    (void)state;
    run_text(&r, "Paul explique : « il a dit “jamais” hier ». Fin.",
             "Paul");
    assert_int_equal(r.an.n_quotes, 2);
    o = &r.an.quotes[0];
    in = &r.an.quotes[1];
    assert_quote(&r, 0, "il a dit “jamais” hier", "Paul");
    /* a phrase quoted inside a quotation: who first said it is unknown */
    assert_quote(&r, 1, "jamais", NULL);
    assert_true(o->outer_start < in->outer_start &&
                in->outer_end < o->outer_end);
    assert_int_equal(lis_quote_at(&r.an, in->start), 1);
    assert_int_equal(lis_quote_at(&r.an, o->start), 0);
    run_free(&r);

    /* an inner mark left open ends with its outer quotation */
    run_text(&r, "Il a dit « oui \"non ». Puis « bon ».", NULL);
    assert_int_equal(r.an.n_quotes, 3);
    assert_quote(&r, 0, "oui \"non", NULL);
    assert_quote(&r, 1, "non", NULL);
    assert_false(r.an.quotes[1].closed);
    assert_quote(&r, 2, "bon", NULL);
    run_free(&r);
}

/* Quotes take their place in the array when they open, and empty ones
 * leave none: the order is by opening mark, outer before inner. */
static void test_order_without_sort(void **state)
{
    struct run r;

    (void)state;
    run_text(&r, "« » puis « un “deux ‹ trois › quatre” cinq » et « », "
                 "“six” ; « sept", NULL);
    assert_int_equal(r.an.n_quotes, 5);
    assert_quote(&r, 0, "un “deux ‹ trois › quatre” cinq", NULL);
    assert_quote(&r, 1, "deux ‹ trois › quatre", NULL);
    assert_quote(&r, 2, "trois", NULL);
    assert_quote(&r, 3, "six", NULL);
    assert_quote(&r, 4, "sept", NULL);
    assert_false(r.an.quotes[4].closed);
    run_free(&r);
}

static void test_apostrophes(void **state)
{
    struct run r;

    (void)state;
    run_text(&r, "L’application d’août est là aujourd’hui. Les parents' "
                 "voix, l'été, et les élèves’ sacs.", NULL);
    assert_int_equal(r.an.n_quotes, 0);
    run_free(&r);
    run_text(&r, "Il dit « l’application d’août, aujourd’hui ». Fin.", NULL);
    assert_int_equal(r.an.n_quotes, 1);
    assert_quote(&r, 0, "l’application d’août, aujourd’hui", NULL);
    run_free(&r);
    /* quote text ending with an apostrophe-bearing word */
    run_text(&r, "Il dit “jusqu’au bout, c’est tout“.", NULL);
    assert_int_equal(r.an.n_quotes, 1);
    assert_quote(&r, 0, "jusqu’au bout, c’est tout", NULL);
    run_free(&r);
}

static void test_unclosed(void **state)
{
    struct run r;
    const struct lis_quote *q;

    (void)state;
    run_text(&r, "Il a dit « ceci sans fin.\nLe paragraphe suivant parle "
                 "d’autre chose.\nEt « ici » oui.", NULL);
    assert_int_equal(r.an.n_quotes, 2);
    q = &r.an.quotes[0];
    assert_quote(&r, 0, "ceci sans fin.", NULL);
    assert_false(q->closed);
    assert_int_equal(q->para, 0);
    assert_int_equal(q->outer_end, r.doc->paras[0].end);
    assert_quote(&r, 1, "ici", NULL);
    assert_true(r.an.quotes[1].closed);
    assert_int_equal(r.an.quotes[1].para, 2);
    run_free(&r);

    /* a stray opening mark at the very end */
    run_text(&r, "Fin «", NULL);
    assert_int_equal(r.an.n_quotes, 0);
    run_free(&r);
    /* stray closing marks open nothing */
    run_text(&r, "Un » deux ” trois.", NULL);
    assert_int_equal(r.an.n_quotes, 0);
    run_free(&r);
}

/* A combining mark right after a quotation mark belongs to the mark's
 * grapheme: spans stay on grapheme boundaries. */
static void test_grapheme_boundaries(void **state)
{
    struct run r;

    (void)state;
    run_text(&r, "Il dit «\xcc\x81oui»\xcc\x81 fin.", NULL);
    assert_int_equal(r.an.n_quotes, 1);
    assert_quote(&r, 0, "oui", NULL);
    assert_int_equal(r.an.quotes[0].outer_end,
                     strlen("Il dit «\xcc\x81oui»\xcc\x81"));
    run_free(&r);
}

static void test_multi_paragraph(void **state)
{
    struct run r;
    const struct lis_quote *q;

    (void)state;
    /* the French convention: « reopens each paragraph */
    run_text(&r, "Le ministre a déclaré : « Nous partirons.\n« Nous "
                 "reviendrons.\n« Tous ensemble. »\nFin de l’article.",
             "Le ministre");
    assert_int_equal(r.an.n_quotes, 1);
    q = &r.an.quotes[0];
    assert_quote(&r, 0, "Nous partirons.\n« Nous reviendrons.\n« Tous "
                        "ensemble.", "Le ministre");
    assert_true(q->closed);
    assert_int_equal(q->para, 0);
    run_free(&r);

    /* the close comes a paragraph later */
    run_text(&r, "Elle raconte : « Au début,\nnous avions peur. » Ensuite "
                 "« rien ».", NULL);
    assert_int_equal(r.an.n_quotes, 2);
    assert_quote(&r, 0, "Au début,\nnous avions peur.", NULL);
    assert_true(r.an.quotes[0].closed);
    assert_quote(&r, 1, "rien", NULL);
    run_free(&r);
}

/* ---------------------------------------------------------------- speakers */

static void test_speaker_verb_before(void **state)
{
    (void)state;
    one("Microsoft explique que “la plate-forme va évoluer”.", "Microsoft",
        "la plate-forme va évoluer", "Microsoft");
    one("La société explique que sa stratégie aurait été “d’apporter des "
        "modifications“.", "Microsoft=La société",
        "d’apporter des modifications", "Microsoft");
    /* rappeler is a speech verb; the infinitive "évoqué" is not the cue */
    {
        struct run r;

        run_text(&r, "Microsoft rappelle avoir déjà évoqué ces points “lors "
                     "de la déclaration du mois d’août dernier“.",
                 "Microsoft");
        assert_quote(&r, 0, "lors de la déclaration du mois d’août dernier",
                     "Microsoft");
        assert_true(r.an.quotes[0].has_cue);
        assert_span(&r, r.an.quotes[0].cue.start, r.an.quotes[0].cue.end,
                    "rappelle");
        run_free(&r);
    }
    /* the auxiliary is part of the cue */
    {
        struct run r;

        run_text(&r, "Le syndicat SUD a déjà déclaré que « tout va mal ».",
                 "SUD");
        assert_quote(&r, 0, "tout va mal", "SUD");
        assert_span(&r, r.an.quotes[0].cue.start, r.an.quotes[0].cue.end,
                    "a déjà déclaré");
        run_free(&r);
    }
}

static void test_speaker_relative_clause(void **state)
{
    (void)state;
    one("Mais Microsoft, qui ne veut pas se montrer amère face à Oracle, "
        "explique également “attendre avec impatience”.",
        "Microsoft;Oracle", "attendre avec impatience", "Microsoft");
    /* a noun after a preposition is a complement, not the subject */
    one("L’avocat de Paul Martin a affirmé « il est innocent ».",
        "Paul Martin", "il est innocent", NULL);
}

static void test_speaker_after_quote(void **state)
{
    struct run r;

    (void)state;
    one("« Nous avons gagné », a déclaré Jean Dupont hier.", "Jean Dupont",
        "Nous avons gagné", "Jean Dupont");
    /* juger: "juge le ministère", "juge-t-il", "X juge que" */
    one("« Ces actes sont inadmissibles », juge le ministère de "
        "l’Intérieur.", "ministère de l’Intérieur",
        "Ces actes sont inadmissibles", "ministère de l’Intérieur");
    one("Paul Martin juge que « tout va bien ».", "Paul Martin",
        "tout va bien", "Paul Martin");
    one("« Nous avons gagné », affirme le maire de Lyon.",
        "Gérard Collomb=le maire de Lyon;Lyon", "Nous avons gagné",
        "Gérard Collomb");
    /* inversion with a pronoun the entity stage resolved */
    one("Paul arrive. « C’est fini », explique-t-il.", "Paul=Paul|il",
        "C’est fini", "Paul");
    one("Paul arrive. « C’est fini », a-t-il ajouté.", "Paul=Paul|il",
        "C’est fini", "Paul");
    /* "» et a menacé" starts another clause: no postposed cue */
    {
        struct run r2;

        run_text(&r2, "Le gouvernement a dénoncé « la furie » et a menacé "
                      "Ansar Eddine.", "Le gouvernement;Ansar Eddine");
        assert_quote(&r2, 0, "la furie", "Le gouvernement");
        assert_span(&r2, r2.an.quotes[0].cue.start, r2.an.quotes[0].cue.end,
                    "a dénoncé");
        run_free(&r2);
    }
    /* the cue is found even when nobody can be named */
    run_text(&r, "« C’est fini », a-t-il ajouté.", NULL);
    assert_quote(&r, 0, "C’est fini", NULL);
    assert_true(r.an.quotes[0].has_cue);
    assert_span(&r, r.an.quotes[0].cue.start, r.an.quotes[0].cue.end,
                "a-t-il ajouté");
    run_free(&r);
}

static void test_speaker_source_prepositions(void **state)
{
    (void)state;
    one("Selon Amnesty, « la torture continue ».", "Amnesty",
        "la torture continue", "Amnesty");
    one("D’après le ministre, « rien n’est décidé ».",
        "Jean Dupont=le ministre", "rien n’est décidé", "Jean Dupont");
    one("Pour la société, cet achat aurait “était une bonne chose pour les "
        "utilisateurs” de l’application.", "Microsoft=la société",
        "était une bonne chose pour les utilisateurs", "Microsoft");
    one("« La torture continue », selon Amnesty.", "Amnesty",
        "La torture continue", "Amnesty");
    /* an apposition after the source, and an infinitive speech verb
     * ("poursuivre") that is no cue */
    one("Selon le président du conseil du CERN, Michel Spiro, le boson va "
        "permettre de poursuivre les recherches : « Nous avons de quoi nous "
        "occuper ! »", "Michel Spiro;CERN",
        "Nous avons de quoi nous occuper !", "Michel Spiro");
    /* "comme le rappelle X": the subject comes after the verb */
    one("Il faudrait aller devant la Cour pénale internationale, bien que, "
        "comme le rappelle HRW, « la Russie a bloqué les efforts ».",
        "HRW;Cour pénale internationale;Russie",
        "la Russie a bloqué les efforts", "HRW");
    /* the source speaks through a voice noun: its communiqué, its
     * spokesperson; not through "l'avocat de X" */
    one("D’après le communiqué du ministère de l’Intérieur, « les "
        "agresseurs sont connus ».", "ministère de l’Intérieur",
        "les agresseurs sont connus", "ministère de l’Intérieur");
    one("« Nous sommes ravis », selon un porte-parole de Microsoft.",
        "Microsoft", "Nous sommes ravis", "Microsoft");
    one("Selon l’avocat de Paul Martin, « il est innocent ».", "Paul Martin",
        "il est innocent", NULL);
    /* after the quotation "pour" is just "for" */
    one("Météo France place la Corse en vigilance pour « orages » ce soir.",
        "Météo France;Corse", "orages", NULL);
    /* "pour" inside a clause is no source */
    one("Microsoft a travaillé pour Oracle sur “le nuage”.",
        "Microsoft;Oracle", "le nuage", NULL);
}

/* The cue of the single quotation of text, or fails. */
static void assert_cue(const char *text, const char *ents, const char *cue)
{
    struct run r;

    run_text(&r, text, ents);
    if (r.an.n_quotes != 1)
        fail_msg("%zu quotes in [%s]", r.an.n_quotes, text);
    if (!cue) {
        assert_false(r.an.quotes[0].has_cue);
    } else {
        assert_true(r.an.quotes[0].has_cue);
        assert_span(&r, r.an.quotes[0].cue.start, r.an.quotes[0].cue.end,
                    cue);
    }
    run_free(&r);
}

/* The scan for cues skips every word that no speech-verb entry starts
 * with (its first word, or its first two): entries of several words, case
 * and accents, separators other than a space, and a word that touches the
 * quotation mark must still be found. */
static void test_cue_prefilter(void **state)
{
    (void)state;
    /* "a" alone is no entry, "a mis en garde" is */
    assert_cue("Le ministre a mis en garde : « attention ».", "Le ministre",
               "a mis en garde");
    assert_cue("Le ministre a\xc2\xa0mis  en\tgarde : « attention ».",
               "Le ministre", "a\xc2\xa0mis  en\tgarde");
    assert_cue("Le ministre a mis la table : « attention ».", "Le ministre",
               NULL);
    /* "s'" with either apostrophe */
    assert_cue("Le maire s’est alarmé : « danger ».", "Le maire",
               "s’est alarmé");
    assert_cue("Le maire s'est alarmé : « danger ».", "Le maire",
               "s'est alarmé");
    /* upper case, accented capitals, a word against the mark */
    assert_cue("Le maire DÉCLARE : « danger ».", "Le maire", "DÉCLARE");
    assert_cue("Le maire Déclare« danger ».", "Le maire", "Déclare");
    assert_cue("D'APRÈS le maire, « danger ».", "Le maire=le maire",
               "D'APRÈS");
    /* accented letters across the eight-byte loads: "expliqu|é",
     * "systémat|iquement", a word of more than sixteen bytes */
    assert_cue("Le maire a expliqué : « danger ».", "Le maire",
               "a expliqué");
    assert_cue("Le maire a EXPLIQUÉ : « danger ».", "Le maire",
               "a EXPLIQUÉ");
    assert_cue("Le maire a systématiquement dénoncé : « danger ».",
               "Le maire", "a systématiquement dénoncé");
    assert_cue("Le maire a anticonstitutionnellement précisé« danger ».",
               "Le maire", "a anticonstitutionnellement précisé");
    assert_cue("Les précisément-dénoncés disent« danger ».", NULL,
               "disent");
    assert_cue("Les précisément-dénoncés« danger ».", NULL, NULL);
    /* a letter outside Latin-1 in the word: the lexicon decides */
    assert_cue("Le maire déclarœ : « danger ».", "Le maire", NULL);
    assert_cue("Le maire ǅéclare : « danger ».", "Le maire", NULL);
    assert_cue("dʼaprès le maire, « danger ».", "Le maire=le maire",
               "dʼaprès");
}

/* After a quotation the scan for a cue stops at the fifth word when no
 * '-' can make an inversion: the verb is at most the fourth word, behind
 * an auxiliary and two adverbs. */
static void test_post_cue_word_limit(void **state)
{
    (void)state;
    one("Paul parle. « Non », a donc aussi déclaré Paul.", "Paul", "Non",
        "Paul");
    assert_cue("Paul parle. « Non », a donc aussi déclaré Paul.", "Paul",
               "a donc aussi déclaré");
    assert_cue("Paul parle. « Non », a bien donc aussi déclaré Paul.",
               "Paul", NULL);
    assert_cue("Paul parle. « Non », puis il a donc déclaré que Paul "
               "viendra.", "Paul", NULL);
    assert_cue("Paul parle. « Non », a-t-il donc aussi déclaré.", "Paul",
               NULL);
    assert_cue("Paul parle. « Non », a donc aussi dit-il.", "Paul",
               "a donc aussi dit");
}

static void test_speaker_colon_and_participle(void **state)
{
    (void)state;
    one("Le président s’est exprimé : « Nous resterons ».",
        "Le président", "Nous resterons", "Le président");
    one("La multinationale américaine s’est exprimée à ce sujet, sur son "
        "site, expliquant que “ByteDance nous a informés“.",
        "Microsoft=La multinationale américaine;ByteDance",
        "ByteDance nous a informés", "Microsoft");
    /* a participle after a first quotation: the sentence's subject */
    {
        struct run r;

        run_text(&r, "Le syndicat SUD estime que « Paul a tort » évoquant "
                     "des « refus ».", "SUD=Le syndicat SUD;Paul");
        assert_quote(&r, 0, "Paul a tort", "SUD");
        assert_quote(&r, 1, "refus", "SUD");
        assert_true(r.an.quotes[1].has_cue);
        run_free(&r);
    }
    /* an introducing sentence that ends with a colon */
    {
        struct run r;

        run_text(&r, "Le ministre a réagi :\n« Je ne céderai pas. »",
                 "Le ministre");
        assert_quote(&r, 0, "Je ne céderai pas.", "Le ministre");
        run_free(&r);
    }
}

static void test_speaker_continuation(void **state)
{
    struct run r;

    (void)state;
    /* same sentence */
    run_text(&r, "Pour la société, cet achat aurait “était une bonne chose” "
                 "de l’application, tout en “protégeant les intérêts“.",
             "Microsoft=la société");
    assert_int_equal(r.an.n_quotes, 2);
    assert_quote(&r, 0, "était une bonne chose", "Microsoft");
    assert_quote(&r, 1, "protégeant les intérêts", "Microsoft");
    assert_false(r.an.quotes[1].has_cue);
    run_free(&r);
    /* next sentence without a new cue, then a new speaker */
    run_text(&r, "Paul affirme « oui ». Il y a « des doutes » ici. "
                 "Jean ajoute « non ». Autre chose. Puis « rien ».",
             "Paul;Jean");
    assert_int_equal(r.an.n_quotes, 4);
    assert_quote(&r, 0, "oui", "Paul");
    assert_quote(&r, 1, "des doutes", "Paul");
    assert_quote(&r, 2, "non", "Jean");
    /* two sentences later, no cue: unknown */
    assert_quote(&r, 3, "rien", NULL);
    run_free(&r);
    /* no continuation into an unrelated paragraph */
    run_text(&r, "Paul affirme « oui ».\nLe « plan B » est prêt.", "Paul");
    assert_quote(&r, 0, "oui", "Paul");
    assert_quote(&r, 1, "plan B", NULL);
    run_free(&r);
}

static void test_unknown_speaker(void **state)
{
    (void)state;
    /* an unresolved subject pronoun: nobody further back is the speaker */
    one("Moody's a noté l'Italie. Malgré tout, elle considère que l'Italie "
        "« ne puisse plus se financer ».", "Moody's;Italie",
        "ne puisse plus se financer", NULL);
    /* the journalist's "rappelons que" and an adjectival participle */
    one("Rappelons que Air France est mise en examen pour « homicide ».",
        "Air France", "homicide", NULL);
    one("Kateri Tekakwitha, reconnue « patronne de l'écologie ».",
        "Kateri Tekakwitha", "patronne de l'écologie", NULL);
    one("Le « plan B » est prêt.", NULL, "plan B", NULL);
    one("Le « plan B » de Paul est prêt.", "Paul", "plan B", NULL);
}

/* The bundled article, quotations only (the speakers need the entity stage
 * and are checked in test_analysis): exactly six, with these texts. */
static void test_bundled_article_quotes(void **state)
{
    const char *const *want = fixture_bundled_quotes;
    const char *a = getenv("LISEUSE_ARTICLEDIR");
    char *path = lis_xasprintf("%s/microsoft-tiktok-oracle.txt",
                               a && *a ? a : LIS_ABS_SRCDIR "/articles");
    struct run r;
    size_t i;

    (void)state;
    memset(&r, 0, sizeof r);
    assert_int_equal(lis_document_load(path, NULL, &r.doc, NULL), LIS_OK);
    lis_sentences_split(r.doc, lexicons, &r.an);
    lis_quotes_find(r.doc, lexicons, &r.an);
    assert_int_equal(r.an.n_quotes, LIS_ARRAY_LEN(fixture_bundled_quotes));
    for (i = 0; i < LIS_ARRAY_LEN(fixture_bundled_quotes); i++) {
        const struct lis_quote *q = &r.an.quotes[i];

        assert_quote(&r, i, want[i], NULL);   /* no mentions: no speaker */
        assert_true(q->closed);
        assert_true(q->outer_start < q->start && q->end < q->outer_end);
        /* every one but the continuation has a cue */
        assert_true(q->has_cue == (i != 2));
    }
    run_free(&r);
    free(path);
}

/* The hand-annotated corpus articles (tests/data/annotations/<id>.json):
 * exactly the annotated quotations, texts and closed flags.  The speakers
 * need the entity stage: test_analysis checks them. */
static void test_annotated_quote_texts(void **state)
{
    char *dir = lis_xasprintf("%s/annotations", fixture_test_data());
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t files = 0;

    (void)state;
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        size_t nl = strlen(de->d_name), i;
        char *path, *apath;
        json_t *root, *quotes;
        json_error_t jerr;
        struct run r;

        if (nl < 6 || strcmp(de->d_name + nl - 5, ".json") != 0)
            continue;
        path = lis_xasprintf("%s/%s", dir, de->d_name);
        root = json_load_file(path, 0, &jerr);
        if (!root)
            fail_msg("%s: %s", path, jerr.text);
        apath = lis_xasprintf("%s/%s", fixture_test_data(),
                              json_string_value(json_object_get(root,
                                                                "article")));
        memset(&r, 0, sizeof r);
        assert_int_equal(lis_document_load(apath, NULL, &r.doc, NULL),
                         LIS_OK);
        lis_sentences_split(r.doc, lexicons, &r.an);
        lis_quotes_find(r.doc, lexicons, &r.an);
        quotes = json_object_get(root, "quotes");
        if (json_array_size(quotes) != r.an.n_quotes)
            fail_msg("%s: %zu quotes, annotated %zu", de->d_name,
                     r.an.n_quotes, json_array_size(quotes));
        for (i = 0; i < r.an.n_quotes; i++) {
            json_t *qa = json_array_get(quotes, i);

            assert_span(&r, r.an.quotes[i].start, r.an.quotes[i].end,
                        json_string_value(json_object_get(qa, "text")));
            assert_int_equal(r.an.quotes[i].closed,
                             json_is_true(json_object_get(qa, "closed")));
        }
        run_free(&r);
        json_decref(root);
        free(apath);
        free(path);
        files++;
    }
    closedir(d);
    free(dir);
    assert_true(files >= 5);
}

/* Floods of marks stay linear: 100 000 « then 100 000 ” in one paragraph,
 * and 20 000 nested quotations inside one long sentence with cues (a
 * quadratic pass would not finish). */
static void test_mark_floods(void **state)
{
    struct lis_buf b;
    struct run r;
    int i;

    (void)state;
    lis_buf_init(&b);
    for (i = 0; i < 100000; i++)
        lis_buf_adds(&b, "« ");
    for (i = 0; i < 100000; i++)
        lis_buf_adds(&b, "a” ");
    run_text(&r, b.data, NULL);
    assert_true(r.an.n_quotes <= 100000);
    run_free(&r);

    b.len = 0;
    lis_buf_adds(&b, "Paul explique « ");
    for (i = 0; i < 20000; i++)
        lis_buf_adds(&b, "Jean dit “oui”, expliquant que “non” ");
    lis_buf_adds(&b, "».");
    run_text(&r, b.data, "Paul;Jean");
    assert_int_equal(r.an.n_quotes, 40001);
    assert_quote(&r, 1, "oui", NULL);       /* nested: no speaker */
    assert_true(r.an.quotes[0].speaker == 0);
    run_free(&r);
    lis_buf_free(&b);
}

/* Random mark soup never breaks the invariants. */
static void test_mark_soup(void **state)
{
    static const char *const atoms[] = {
        "«", "»", "“", "”", "„", "\"", "‹", "›", "’", "'", " ", "\xc2\xa0",
        "a", "é", "\n", ".", ",", "dit", "Paul", ":", "\n\n", "-t-il",
    };
    unsigned seed = 12345;
    int round;

    (void)state;
    for (round = 0; round < 3000; round++) {
        struct lis_buf b;
        struct run r;
        int k, n;
        size_t i;

        lis_buf_init(&b);
        seed = seed * 1103515245u + 12345u;
        n = (int)((seed >> 16) % 60);
        for (k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            lis_buf_adds(&b, atoms[(seed >> 16) % LIS_ARRAY_LEN(atoms)]);
        }
        lis_buf_addc(&b, '\0');
        run_text(&r, b.data, round % 2 ? "Paul=Paul|il" : NULL);
        for (i = 0; i < r.an.n_quotes; i++) {
            const struct lis_quote *q = &r.an.quotes[i];

            assert_true(q->outer_start <= q->start && q->start < q->end &&
                        q->end <= q->outer_end &&
                        q->outer_end <= r.doc->body_len);
            assert_true(i == 0 || r.an.quotes[i - 1].outer_start <=
                                      q->outer_start);
            assert_true(q->speaker == LIS_NONE ||
                        q->speaker < r.an.n_entities);
            assert_true(!q->has_cue || (q->cue.start < q->cue.end &&
                                        q->cue.end <= r.doc->body_len));
        }
        run_free(&r);
        lis_buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_mark_pair),
        cmocka_unit_test(test_mismatched_marks),
        cmocka_unit_test(test_nested),
        cmocka_unit_test(test_order_without_sort),
        cmocka_unit_test(test_apostrophes),
        cmocka_unit_test(test_unclosed),
        cmocka_unit_test(test_grapheme_boundaries),
        cmocka_unit_test(test_multi_paragraph),
        cmocka_unit_test(test_speaker_verb_before),
        cmocka_unit_test(test_speaker_relative_clause),
        cmocka_unit_test(test_speaker_after_quote),
        cmocka_unit_test(test_speaker_source_prepositions),
        cmocka_unit_test(test_cue_prefilter),
        cmocka_unit_test(test_post_cue_word_limit),
        cmocka_unit_test(test_speaker_colon_and_participle),
        cmocka_unit_test(test_speaker_continuation),
        cmocka_unit_test(test_unknown_speaker),
        cmocka_unit_test(test_bundled_article_quotes),
        cmocka_unit_test(test_annotated_quote_texts),
        cmocka_unit_test(test_mark_floods),
        cmocka_unit_test(test_mark_soup),
    };

    return cmocka_run_group_tests(tests, lexicons_setup, lexicons_teardown);
}
