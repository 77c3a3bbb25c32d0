/* test_entities.c -- named entities: each cue, variants, demonym links,
 * descriptors and pronouns resolved (or left alone when ambiguous), the
 * bundled article, hand-annotated corpus articles, span invariants. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "liseuse/analysis.h"
#include "liseuse/document.h"
#include "liseuse/lexicon.h"

#include "fixtures.h"

struct run {
    struct lis_document *doc;
    struct lis_analysis *an;
};

static void analyse(struct run *r)
{
    r->an = lis_xcalloc(1, sizeof *r->an);
    lis_sentences_split(r->doc, lexicons, r->an);
    lis_entities_find(r->doc, lexicons, r->an);
}

static struct run run_text(const char *text)
{
    struct run r;

    assert_int_equal(lis_document_from_bytes(text, strlen(text), "test",
                                             NULL, &r.doc), LIS_OK);
    analyse(&r);
    return r;
}

static struct run run_file(const char *path)
{
    struct run r;
    char *err = NULL;

    if (lis_document_load(path, NULL, &r.doc, &err) != LIS_OK)
        fail_msg("%s", err ? err : path);
    analyse(&r);
    return r;
}

static void run_free(struct run *r)
{
    lis_analysis_free(r->an);
    lis_document_free(r->doc);
}

/* Index of the entity named name, or LIS_NONE. */
static size_t ent(const struct run *r, const char *name)
{
    size_t i;

    for (i = 0; i < r->an->n_entities; i++)
        if (strcmp(r->an->entities[i].name, name) == 0)
            return i;
    return LIS_NONE;
}

static size_t ent_typed(const struct run *r, const char *name,
                        enum lis_entity_type t)
{
    size_t e = ent(r, name);

    if (e == LIS_NONE)
        fail_msg("no entity \"%s\"", name);
    if (r->an->entities[e].type != t)
        fail_msg("entity \"%s\" has type %d, expected %d", name,
                 (int)r->an->entities[e].type, (int)t);
    return e;
}

/* Number of mentions of entity e whose text is text (NULL: any) and kind
 * is kind (-1: any). */
static size_t count_mentions(const struct run *r, size_t e, const char *text,
                             int kind)
{
    const struct lis_entity *en = &r->an->entities[e];
    size_t i, n = 0;

    for (i = 0; i < en->n_mentions; i++) {
        const struct lis_mention *m = &r->an->mentions[en->mentions[i]];

        if (kind >= 0 && (int)m->kind != kind)
            continue;
        if (text && (m->end - m->start != strlen(text) ||
                     memcmp(r->doc->body + m->start, text,
                            m->end - m->start) != 0))
            continue;
        n++;
    }
    return n;
}

/* Is any mention's text exactly text? */
static bool any_mention_text(const struct run *r, const char *text)
{
    size_t i;

    for (i = 0; i < r->an->n_mentions; i++) {
        const struct lis_mention *m = &r->an->mentions[i];

        if (m->end - m->start == strlen(text) &&
            memcmp(r->doc->body + m->start, text, m->end - m->start) == 0)
            return true;
    }
    return false;
}

static void check_invariants(const struct run *r)
{
    const struct lis_analysis *an = r->an;
    size_t i, j, total = 0;

    for (i = 0; i < an->n_mentions; i++) {
        const struct lis_mention *m = &an->mentions[i];
        unsigned char a, b;

        assert_true(m->start < m->end);
        assert_true(m->end <= r->doc->body_len);
        assert_true(m->entity < an->n_entities);
        assert_true(m->kind < LIS_MENTION_COUNT);
        a = (unsigned char)r->doc->body[m->start];
        b = m->end < r->doc->body_len ? (unsigned char)r->doc->body[m->end]
                                      : 0;
        assert_true((a & 0xC0) != 0x80);
        assert_true((b & 0xC0) != 0x80);
        if (i > 0)
            assert_true(an->mentions[i - 1].end <= m->start);
    }
    for (i = 0; i < an->n_entities; i++) {
        const struct lis_entity *e = &an->entities[i];

        assert_int_equal(e->id, i);
        assert_non_null(e->name);
        assert_true(e->n_mentions > 0);
        assert_true(e->linked == LIS_NONE || e->linked < an->n_entities);
        for (j = 0; j < e->n_mentions; j++) {
            assert_true(e->mentions[j] < an->n_mentions);
            assert_int_equal(an->mentions[e->mentions[j]].entity, i);
            if (j > 0)
                assert_true(e->mentions[j - 1] < e->mentions[j]);
        }
        /* entities come by first mention */
        if (i > 0)
            assert_true(an->entities[i - 1].mentions[0] < e->mentions[0]);
        total += e->n_mentions;
    }
    assert_int_equal(total, an->n_mentions);
}

/* ------------------------------------------------------------ cues */

static void test_camelcase(void **state)
{
    struct run r = run_text("Hier, TikTok et ByteDance ont discuté avec "
                            "la start-up ZorgTech.\n");

    (void)state;
    ent_typed(&r, "TikTok", LIS_ENT_ORG);
    ent_typed(&r, "ByteDance", LIS_ENT_ORG);
    ent_typed(&r, "ZorgTech", LIS_ENT_ORG);
    check_invariants(&r);
    run_free(&r);
}

static void test_acronyms(void **state)
{
    struct run r = run_text("La CGT appelle à la grève. Selon la NASA, "
                            "l'ISS se porte bien et le SNPQ proteste.\n");

    (void)state;
    ent_typed(&r, "CGT", LIS_ENT_ORG);
    ent_typed(&r, "NASA", LIS_ENT_ORG);
    ent_typed(&r, "ISS", LIS_ENT_ORG);
    ent_typed(&r, "SNPQ", LIS_ENT_ORG);    /* in no lexicon */
    /* Roman numerals and units are not acronyms */
    run_free(&r);
    r = run_text("Le roi Louis XIV régnait au XVIIe siècle ; la clé fait "
                 "4 Go.\n");
    assert_int_equal(ent(&r, "XVIIe"), LIS_NONE);
    assert_int_equal(ent(&r, "Go"), LIS_NONE);
    run_free(&r);
}

static void test_particles(void **state)
{
    struct run r = run_text(
        "Le pays est dirigé par le Parti communiste chinois depuis 1949. "
        "La Banque de France publie ses chiffres. Le Forum mondial de la "
        "langue française a ouvert ses portes. Le journaliste a rencontré "
        "Charles de Gaulle. Cette semaine, Zorglub de Trifouillis a parlé.\n");

    (void)state;
    ent_typed(&r, "Parti communiste chinois", LIS_ENT_ORG);
    ent_typed(&r, "Banque de France", LIS_ENT_ORG);
    ent_typed(&r, "Forum mondial de la langue française", LIS_ENT_ORG);
    ent_typed(&r, "Charles de Gaulle", LIS_ENT_PER);
    /* no head, no first name: two names, not one glued across "de" */
    assert_int_equal(ent(&r, "Zorglub de Trifouillis"), LIS_NONE);
    assert_int_not_equal(ent(&r, "Trifouillis"), LIS_NONE);
    assert_false(any_mention_text(&r, "Parti communiste chinois depuis"));
    check_invariants(&r);
    run_free(&r);
    /* a head alone takes a lower-case noun after its particle, not an
     * infinitive */
    r = run_text("Hier, l’Autorité de la concurrence a validé l’accord, comme "
                 "l’Autorité des marchés financiers. Le président de la "
                 "République de ramener la paix.\n");
    ent_typed(&r, "Autorité de la concurrence", LIS_ENT_ORG);
    ent_typed(&r, "Autorité des marchés financiers", LIS_ENT_ORG);
    assert_false(any_mention_text(&r, "République de ramener"));
    check_invariants(&r);
    run_free(&r);
}

static void test_titles_and_roles(void **state)
{
    struct run r = run_text(
        "Hier, M. Dupontel a rencontré Mme Grosjean. Le président Zarkov "
        "a reçu le PDG de Trifulco, ainsi que la chancelière Angela "
        "Merkel.\n");
    size_t e;

    (void)state;
    e = ent_typed(&r, "Dupontel", LIS_ENT_PER);
    assert_int_equal(count_mentions(&r, e, "Dupontel", LIS_MENTION_NAME), 1);
    assert_false(any_mention_text(&r, "M. Dupontel"));
    ent_typed(&r, "Grosjean", LIS_ENT_PER);
    ent_typed(&r, "Zarkov", LIS_ENT_PER);
    ent_typed(&r, "Trifulco", LIS_ENT_ORG);
    ent_typed(&r, "Angela Merkel", LIS_ENT_PER);
    run_free(&r);
}

static void test_org_cues(void **state)
{
    struct run r = run_text(
        "Hier, la société Zorglub a racheté le groupe Trifouillis. "
        "Puis Acmeco SA et Globexo Inc. ont signé avec la firme Bidulon.\n");
    size_t e;

    (void)state;
    ent_typed(&r, "Zorglub", LIS_ENT_ORG);
    ent_typed(&r, "Trifouillis", LIS_ENT_ORG);
    e = ent_typed(&r, "Acmeco SA", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, e, "Acmeco SA", -1), 1);
    ent_typed(&r, "Globexo Inc.", LIS_ENT_ORG);
    ent_typed(&r, "Bidulon", LIS_ENT_ORG);
    /* the cue is not itself a mention */
    assert_false(any_mention_text(&r, "la société"));
    check_invariants(&r);
    run_free(&r);
    /* a last word of fr-titles.txt (tail-ORG) makes two capitalised
     * words a company, not a first name and a surname */
    r = run_text("Hier, General Electric a signé avec Kyowa Pharmaceuticals "
                 "et Pierre Martin.\n");
    ent_typed(&r, "General Electric", LIS_ENT_ORG);
    ent_typed(&r, "Kyowa Pharmaceuticals", LIS_ENT_ORG);
    ent_typed(&r, "Pierre Martin", LIS_ENT_PER);
    run_free(&r);
    /* the cue holds past an adjective before the name */
    r = run_text("Hier, Sanofi a racheté la société américaine Genzyme, "
                 "saluée par le président algérien Abdelaziz Bouteflika.\n");
    ent_typed(&r, "Genzyme", LIS_ENT_ORG);
    ent_typed(&r, "Abdelaziz Bouteflika", LIS_ENT_PER);
    assert_false(any_mention_text(&r, "la société américaine"));
    check_invariants(&r);
    run_free(&r);
}

static void test_lexicons(void **state)
{
    struct run r = run_text(
        "Il est allé en Inde, puis à Paris, avant de rejoindre l'ONU où "
        "des Allemands l'attendaient. L'Allemagne a salué ce voyage.\n");
    size_t de, all;

    (void)state;
    ent_typed(&r, "Inde", LIS_ENT_LOC);
    ent_typed(&r, "Paris", LIS_ENT_LOC);
    ent_typed(&r, "ONU", LIS_ENT_ORG);
    de = ent_typed(&r, "Allemands", LIS_ENT_MISC);
    all = ent_typed(&r, "Allemagne", LIS_ENT_LOC);
    assert_int_equal(r.an->entities[de].linked, all);
    run_free(&r);
}

static void test_elision(void **state)
{
    struct run r = run_text(
        "Le rapport vient de l’Inde, d’Oracle et de l'Égypte ; c’est ce "
        "qu’Apple redoutait. L'Unesco aussi, comme L’Oréal.\n");
    size_t e;

    (void)state;
    e = ent_typed(&r, "Inde", LIS_ENT_LOC);
    assert_int_equal(count_mentions(&r, e, "Inde", -1), 1);
    e = ent_typed(&r, "Oracle", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, e, "Oracle", -1), 1);
    e = ent_typed(&r, "Égypte", LIS_ENT_LOC);
    assert_int_equal(count_mentions(&r, e, "Égypte", -1), 1);
    e = ent_typed(&r, "Apple", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, e, "Apple", -1), 1);
    e = ent_typed(&r, "UNESCO", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, e, "Unesco", -1), 1);
    assert_false(any_mention_text(&r, "l’Inde"));
    /* the article belongs to this name */
    e = ent_typed(&r, "L’Oréal", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, e, "L’Oréal", -1), 1);
    check_invariants(&r);
    run_free(&r);
}

/* The word scanner reads the common words (lower case but for the first
 * letter, ASCII or Latin-1) from eight-byte loads and leaves the others
 * to its general loop: both must read the same words. */
static void test_scanner_fast_paths(void **state)
{
    /* U+02BC is a letter, not an apostrophe: no elision, one word; ’ is */
    struct run r = run_text("Il cite dʼOracle et d’Oracle.\n");
    size_t e;

    (void)state;
    assert_true(any_mention_text(&r, "dʼOracle"));
    e = ent_typed(&r, "Oracle", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, e, "Oracle", -1), 1);
    run_free(&r);
    /* an elided article before an accented capital */
    r = run_text("Hier, l’Élysée répond à Zorglub.\n");
    ent_typed(&r, "Élysée", LIS_ENT_ORG);
    ent_typed(&r, "Zorglub", LIS_ENT_LOC);
    run_free(&r);
    /* a word longer than eight bytes, then one that ends the body less
     * than eight bytes from its end (no newline after either) */
    r = run_text("Hier, Zorglub a vu Abdelkrimovitch");
    assert_true(any_mention_text(&r, "Abdelkrimovitch"));
    check_invariants(&r);
    run_free(&r);
    r = run_text("Hier, Zorglub a vu Zoé");
    assert_true(any_mention_text(&r, "Zoé"));
    check_invariants(&r);
    run_free(&r);
    /* runs of short lower-case words after single spaces (read by the
     * full pass without its general scan): their function words still
     * make descriptors, and the last word, less than eight bytes before
     * the end, is read */
    r = run_text("Hier, Acmeco SA a dit que la firme va bien et que la "
                 "soci\u00e9t\u00e9 a vu Zorglub");
    e = ent_typed(&r, "Acmeco SA", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, e, "la firme", LIS_MENTION_DESCRIPTOR),
                     1);
    assert_int_equal(count_mentions(&r, e, "la soci\u00e9t\u00e9",
                                    LIS_MENTION_DESCRIPTOR), 1);
    assert_true(any_mention_text(&r, "Zorglub"));
    check_invariants(&r);
    run_free(&r);
    /* long lower-case words in a run (hashed a chunk at a time), one of
     * them less than eight bytes before the end: the same words as the
     * general scan reads ("Malheureusement" is seen in lower case) */
    r = run_text("Hier, Zorglub a vu malheureusement "
                 "anticonstitutionnellement Trifouillis. Malheureusement "
                 "Zorglub est parti malheureusement\n");
    assert_false(any_mention_text(&r, "Malheureusement"));
    e = ent(&r, "Zorglub");
    assert_int_not_equal(e, LIS_NONE);
    assert_int_equal(count_mentions(&r, e, "Zorglub", -1), 2);
    check_invariants(&r);
    run_free(&r);
    /* accented lower-case words in a run, some starting with their
     * accented letter, one ending less than eight bytes before the end,
     * and function words with accents ("où", "été", "à") */
    r = run_text("Hier, Zorglub a \u00e9t\u00e9 l\u00e0 o\u00f9 "
                 "l'op\u00e9ration se d\u00e9roulait, et Zorglub y "
                 "\u00e9tait all\u00e9 \u00e0 \u00e9l\u00e9phant\n");
    e = ent(&r, "Zorglub");
    assert_int_not_equal(e, LIS_NONE);
    assert_int_equal(count_mentions(&r, e, "Zorglub", -1), 2);
    check_invariants(&r);
    run_free(&r);
    /* acronyms of seven capitals (one load) and of eight (scan_word) are
     * organisations; a Roman numeral is no name */
    r = run_text("Hier, Zorglub a vu ABCDEFG et ABCDEFGH, puis XIV et "
                 "MCMXC.\n");
    ent_typed(&r, "ABCDEFG", LIS_ENT_ORG);
    ent_typed(&r, "ABCDEFGH", LIS_ENT_ORG);
    ent_typed(&r, "MCMXC", LIS_ENT_ORG);
    assert_false(any_mention_text(&r, "XIV"));
    check_invariants(&r);
    run_free(&r);
    /* a word followed by a character of several bytes */
    r = run_text("Selon Zorglub, les Ouagadougoulais » et « Trifouillis » "
                 "sont là… avec Zorglub.\n");
    e = ent(&r, "Zorglub");
    assert_int_not_equal(e, LIS_NONE);
    assert_int_equal(count_mentions(&r, e, "Zorglub", -1), 2);
    check_invariants(&r);
    run_free(&r);
}

/* Name keys are folded eight bytes at a time where they can be: single
 * spaces inside a chunk stay, runs of white space, tabs and periods take
 * the byte-wise path, and all give the same key. */
static void test_name_key_chunks(void **state)
{
    struct run r = run_text(
        "Hier, Human Rights Watch a parl\u00e9. Puis Human  Rights  Watch "
        "a r\u00e9p\u00e9t\u00e9. Enfin Human\tRights\u00a0Watch proteste, "
        "et HUMAN RIGHTS WATCH aussi.\n");
    size_t e;

    (void)state;
    assert_true(r.an->n_mentions > 0);
    e = r.an->mentions[0].entity;
    assert_int_equal(r.an->entities[e].n_mentions, 4);
    assert_int_equal(count_mentions(&r, e, "HUMAN RIGHTS WATCH",
                                    LIS_MENTION_NAME), 1);
    check_invariants(&r);
    run_free(&r);
}

/* Longest lexicon matches are memoised by word: a word that an entry
 * continues ("Corée" in "Corée du Sud") still gets the longest match each
 * time, and alone the shorter one. */
static void test_lexicon_match_memo(void **state)
{
    struct run r = run_text(
        "Hier, la Corée du Sud a répondu à la Corée du Nord. La Corée du "
        "Sud proteste, la Corée du Nord aussi. La Corée reste divisée.\n");
    size_t e;

    (void)state;
    e = ent_typed(&r, "Corée du Sud", LIS_ENT_LOC);
    assert_int_equal(count_mentions(&r, e, "Corée du Sud", -1), 2);
    e = ent_typed(&r, "Corée du Nord", LIS_ENT_LOC);
    assert_int_equal(count_mentions(&r, e, "Corée du Nord", -1), 2);
    assert_int_not_equal(ent(&r, "Corée"), LIS_NONE);
    check_invariants(&r);
    run_free(&r);
}

static void test_sentence_initial_rejected(void **state)
{
    static const char *const words[] = {
        "Pour", "Face", "Mais", "Car", "Malheureusement", "Un", "Des",
        "Battue", "Deux", "Orange", "Premier"
    };
    struct run r = run_text(
        "Pour la première fois, le vote est serré. Face à la crise, rien "
        "ne bouge. Mais le temps passe. Car personne ne sait. "
        "Malheureusement pour lui, la pluie tombe. Un jour viendra. Des "
        "gens attendent. À lire aussi : Battue par Xerxo, l'équipe rentre. "
        "Deux Britanniques sont venus. L'ancien Premier ministre libanais "
        "est arrivé. Orange est une couleur et l'orange "
        "un fruit. Zanzibaro souhaite partir, dit-on ; le club de "
        "Zanzibaro s'y oppose. Cela fait deux jours que Gloubi attend.\n");
    size_t i;

    (void)state;
    for (i = 0; i < LIS_ARRAY_LEN(words); i++) {
        if (ent(&r, words[i]) != LIS_NONE)
            fail_msg("\"%s\" became an entity", words[i]);
        assert_false(any_mention_text(&r, words[i]));
    }
    /* capitalised again mid-sentence: a name even at a sentence start */
    assert_int_equal(count_mentions(&r, ent(&r, "Zanzibaro"), NULL, -1), 2);
    assert_int_not_equal(ent(&r, "Xerxo"), LIS_NONE);
    assert_int_not_equal(ent(&r, "Gloubi"), LIS_NONE);
    check_invariants(&r);
    run_free(&r);
}

/* ------------------------------------------------------------ coreference */

static void test_variants_merged(void **state)
{
    struct run r = run_text(
        "Les États-Unis ont voté. Aux Etats-Unis, les USA sont divisés. "
        "Barack Obama a parlé hier. B. Obama a répété son discours, puis "
        "Obama est parti.\n");
    size_t us, ob;

    (void)state;
    us = ent_typed(&r, "États-Unis", LIS_ENT_LOC);
    assert_int_equal(r.an->entities[us].n_mentions, 3);
    assert_int_equal(count_mentions(&r, us, "États-Unis", LIS_MENTION_NAME),
                     1);
    assert_int_equal(count_mentions(&r, us, "Etats-Unis", LIS_MENTION_NAME),
                     1);
    assert_int_equal(count_mentions(&r, us, "USA", LIS_MENTION_ALIAS), 1);
    assert_false(any_mention_text(&r, "Les États-Unis"));
    ob = ent_typed(&r, "Barack Obama", LIS_ENT_PER);
    assert_int_equal(r.an->entities[ob].n_mentions, 3);
    assert_int_equal(count_mentions(&r, ob, "B. Obama", -1), 1);
    assert_int_equal(count_mentions(&r, ob, "Obama", LIS_MENTION_ALIAS), 1);
    assert_int_equal(ent(&r, "Obama"), LIS_NONE);
    check_invariants(&r);
    run_free(&r);
}

static void test_acronym_alias(void **state)
{
    struct run r = run_text(
        "Le parti Nouvelle Démocratie (ND) a gagné. Depuis, la ND gouverne "
        "avec le Parti socialiste (PASOK). Alfredo Pérez Rubalcaba (PSOE) "
        "proteste.\n");
    size_t nd, ps;

    (void)state;
    nd = ent_typed(&r, "Nouvelle Démocratie", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, nd, "ND", LIS_MENTION_ALIAS), 2);
    ps = ent_typed(&r, "Parti socialiste", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, ps, "PASOK", LIS_MENTION_ALIAS), 1);
    /* a party in parentheses after a person is not the person's alias */
    ent_typed(&r, "Alfredo Pérez Rubalcaba", LIS_ENT_PER);
    assert_int_not_equal(ent(&r, "PSOE"), LIS_NONE);
    assert_int_equal(ent(&r, "ND"), LIS_NONE);
    check_invariants(&r);
    run_free(&r);
}

static void test_demonym_link(void **state)
{
    struct run r = run_text(
        "Les Américains votent mardi. Aux USA, la campagne s'achève. "
        "Les Zorgliens, eux, ne votent pas.\n");
    size_t am, us;

    (void)state;
    am = ent_typed(&r, "Américains", LIS_ENT_MISC);
    us = ent_typed(&r, "États-Unis", LIS_ENT_LOC);
    assert_int_equal(r.an->entities[am].linked, us);
    assert_int_equal(r.an->entities[us].linked, LIS_NONE);
    run_free(&r);
}

static void test_descriptor_recent_org(void **state)
{
    struct run r = run_text(
        "Microsoft a publié ses comptes. La société annonce une hausse. "
        "Pour l’entreprise, c'est un record.\n"
        "Apple a lancé un téléphone. Ensuite, Google a répondu. "
        "L'entreprise de Mountain View veut rattraper son retard.\n");
    size_t ms, g;

    (void)state;
    ms = ent_typed(&r, "Microsoft", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, ms, "La société",
                                    LIS_MENTION_DESCRIPTOR), 1);
    assert_int_equal(count_mentions(&r, ms, "l’entreprise",
                                    LIS_MENTION_DESCRIPTOR), 1);
    g = ent_typed(&r, "Google", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, g, "L'entreprise de Mountain View",
                                    LIS_MENTION_DESCRIPTOR), 1);
    assert_int_equal(count_mentions(&r, ent(&r, "Apple"), NULL,
                                    LIS_MENTION_DESCRIPTOR), 0);
    check_invariants(&r);
    run_free(&r);
}

static void test_descriptor_subject_and_ambiguity(void **state)
{
    struct run r = run_text(
        "Microsoft n'aura pas TikTok et regrette cette décision. "
        "La multinationale américaine s'est exprimée hier.\n"
        "Le tribunal a tranché le litige entre Samsung et Nokia. "
        "La société fait appel.\n"
        "Il pleut. Le ciel est gris. La nuit tombe. Rien ne bouge. "
        "Le groupe reste prudent.\n");
    size_t ms, i;

    (void)state;
    /* two ORGs, the subject is preferred */
    ms = ent_typed(&r, "Microsoft", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, ms, "La multinationale américaine",
                                    LIS_MENTION_DESCRIPTOR), 1);
    /* two ORGs, no subject: left unresolved */
    assert_false(any_mention_text(&r, "La société"));
    /* nothing in the window: left unresolved */
    assert_false(any_mention_text(&r, "Le groupe"));
    for (i = 0; i < r.an->n_mentions; i++)
        assert_true(r.an->mentions[i].kind != LIS_MENTION_DESCRIPTOR ||
                    r.an->mentions[i].entity == ms);
    run_free(&r);
}

static void test_narrow_descriptor(void **state)
{
    struct run r = run_text(
        "Zorgbank a publié un rapport. La banque par internet reste sûre.\n"
        "La banque Crédibanko a publié un rapport. La banque prévoit une "
        "hausse.\n");
    size_t e;

    (void)state;
    e = ent(&r, "Zorgbank");
    assert_int_not_equal(e, LIS_NONE);
    assert_int_equal(count_mentions(&r, e, NULL, LIS_MENTION_DESCRIPTOR), 0);
    e = ent_typed(&r, "Crédibanko", LIS_ENT_ORG);
    assert_int_equal(count_mentions(&r, e, "La banque",
                                    LIS_MENTION_DESCRIPTOR), 1);
    run_free(&r);
}

static void test_pronouns(void **state)
{
    struct run r = run_text(
        "Barack Obama est arrivé à Paris. Il a salué la foule. « Nous "
        "sommes prêts », a-t-il déclaré.\n"
        "Angela Merkel a rejoint Berlin. Elle a ensuite quitté la ville.\n"
        "Il faut partir. Il y a du vent.\n"
        "Le juge a reçu Jean Valmont. Il a ensuite été entendu par "
        "Pierre Zorn.\n");
    size_t ob, am;

    (void)state;
    ob = ent_typed(&r, "Barack Obama", LIS_ENT_PER);
    assert_int_equal(count_mentions(&r, ob, "Il", LIS_MENTION_PRONOUN), 1);
    assert_int_equal(count_mentions(&r, ob, "il", LIS_MENTION_PRONOUN), 1);
    am = ent_typed(&r, "Angela Merkel", LIS_ENT_PER);
    assert_int_equal(count_mentions(&r, am, "Elle", LIS_MENTION_PRONOUN), 1);
    /* impersonal "il", and "il" whose antecedent is no subject: no
     * mention */
    assert_int_equal(count_mentions(&r, ob, NULL, LIS_MENTION_PRONOUN), 2);
    assert_int_equal(count_mentions(&r, ent(&r, "Jean Valmont"), NULL,
                                    LIS_MENTION_PRONOUN), 0);
    check_invariants(&r);
    run_free(&r);
}

static void test_government(void **state)
{
    struct run r = run_text(
        "Le gouvernement Trump menace TikTok. L'administration Trump a "
        "fixé un délai. Aux États-Unis, le gouvernement américain "
        "confirme.\n");
    size_t g, us, ga;

    (void)state;
    g = ent_typed(&r, "gouvernement Trump", LIS_ENT_ORG);
    assert_int_equal(r.an->entities[g].n_mentions, 2);
    assert_int_equal(count_mentions(&r, g, "administration Trump",
                                    LIS_MENTION_ALIAS), 1);
    us = ent_typed(&r, "États-Unis", LIS_ENT_LOC);
    ga = ent_typed(&r, "gouvernement américain", LIS_ENT_ORG);
    assert_int_equal(r.an->entities[ga].linked, us);
    check_invariants(&r);
    run_free(&r);
}

/* ------------------------------------------------------------ articles */

static void test_bundled_article(void **state)
{
    static const char *const not_entities[] = {
        "Pour", "Face", "Mais", "Car", "Malheureusement", "Un", "Des",
        "Battue", "À lire aussi", "À", "Le", "La"
    };
    struct run r = run_file(LIS_ABS_SRCDIR
                            "/articles/microsoft-tiktok-oracle.txt");
    size_t ms, us, am, i, tr;

    (void)state;
    check_invariants(&r);
    ent_typed(&r, "TikTok", LIS_ENT_ORG);
    ent_typed(&r, "ByteDance", LIS_ENT_ORG);
    ms = ent_typed(&r, "Microsoft", LIS_ENT_ORG);
    ent_typed(&r, "Oracle", LIS_ENT_ORG);
    us = ent_typed(&r, "États-Unis", LIS_ENT_LOC);
    ent_typed(&r, "Parti communiste chinois", LIS_ENT_ORG);
    ent_typed(&r, "Inde", LIS_ENT_LOC);
    ent_typed(&r, "Chine", LIS_ENT_LOC);
    am = ent_typed(&r, "Américains", LIS_ENT_MISC);
    assert_int_equal(r.an->entities[am].linked, us);
    assert_int_equal(count_mentions(&r, us, "USA", -1), 3);
    tr = ent(&r, "Trump");
    if (tr == LIS_NONE)
        tr = ent_typed(&r, "gouvernement Trump", LIS_ENT_ORG);
    else
        assert_int_equal(r.an->entities[tr].type, LIS_ENT_PER);
    assert_int_equal(count_mentions(&r, ms, "La multinationale américaine",
                                    LIS_MENTION_DESCRIPTOR), 1);
    assert_int_equal(count_mentions(&r, ms, "la société",
                                    LIS_MENTION_DESCRIPTOR), 1);
    assert_int_equal(count_mentions(&r, ms, "La société",
                                    LIS_MENTION_DESCRIPTOR), 1);
    assert_int_equal(count_mentions(&r, ms, "l’entreprise",
                                    LIS_MENTION_DESCRIPTOR), 1);
    assert_int_equal(count_mentions(&r, ms, "Microsoft", LIS_MENTION_NAME),
                     11);
    for (i = 0; i < LIS_ARRAY_LEN(not_entities); i++) {
        if (ent(&r, not_entities[i]) != LIS_NONE)
            fail_msg("\"%s\" became an entity", not_entities[i]);
        assert_false(any_mention_text(&r, not_entities[i]));
    }
    /* every descriptor here stands for Microsoft */
    for (i = 0; i < r.an->n_mentions; i++)
        if (r.an->mentions[i].kind == LIS_MENTION_DESCRIPTOR)
            assert_int_equal(r.an->mentions[i].entity, ms);
    run_free(&r);
}

static const char *const type_codes[] = { "PER", "ORG", "LOC", "MISC" };

/* tests/data/annotations/entities-ID.txt: "TYPE<TAB>name  # why" lines
 * must be found, "!text  # why" must be neither an entity nor a mention,
 * "-name  # why" must not be an entity of its own (it may be a variant
 * mention of another); the article is corpus/wikinews-fr-2012/ID.txt. */
static void check_annotation(const char *dir, const char *file)
{
    char path[2400], line[1024], id[64];
    FILE *f;
    struct run r;
    size_t checked = 0;

    snprintf(id, sizeof id, "%.*s", (int)(strlen(file) - 13), file + 9);
    snprintf(path, sizeof path, "%s/corpus/wikinews-fr-2012/%s.txt",
             fixture_test_data(), id);
    r = run_file(path);
    check_invariants(&r);
    snprintf(path, sizeof path, "%s/%s", dir, file);
    f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        char *hash = strstr(line, "#"), *tab, *end;
        size_t t, e;

        if (line[0] == '#')
            continue;
        if (!hash)
            fail_msg("%s: no '#' note on \"%s\"", file, line);
        end = hash ? hash : line + strlen(line);
        while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        *end = '\0';
        if (line[0] == '\0')
            continue;
        if (line[0] == '-') {
            if (ent(&r, line + 1) != LIS_NONE)
                fail_msg("%s: \"%s\" must not be an entity of its own",
                         file, line + 1);
            checked++;
            continue;
        }
        if (line[0] == '!') {
            if (ent(&r, line + 1) != LIS_NONE ||
                any_mention_text(&r, line + 1))
                fail_msg("%s: \"%s\" must not be an entity", file, line + 1);
            checked++;
            continue;
        }
        tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        for (t = 0; t < LIS_ARRAY_LEN(type_codes); t++)
            if (strcmp(line, type_codes[t]) == 0)
                break;
        assert_true(t < LIS_ARRAY_LEN(type_codes));
        e = ent(&r, tab + 1);
        if (e == LIS_NONE)
            fail_msg("%s: entity \"%s\" not found", file, tab + 1);
        if ((size_t)r.an->entities[e].type != t)
            fail_msg("%s: \"%s\" is %s, expected %s", file, tab + 1,
                     type_codes[r.an->entities[e].type], line);
        checked++;
    }
    fclose(f);
    assert_true(checked >= 5);
    run_free(&r);
}

static void test_corpus_annotations(void **state)
{
    char dir[1024];
    DIR *d;
    struct dirent *de;
    size_t n = 0;

    (void)state;
    snprintf(dir, sizeof dir, "%s/annotations", fixture_test_data());
    d = opendir(dir);
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);

        if (l > 13 && strncmp(de->d_name, "entities-", 9) == 0 &&
            strcmp(de->d_name + l - 4, ".txt") == 0) {
            check_annotation(dir, de->d_name);
            n++;
        }
    }
    closedir(d);
    assert_true(n >= 5);
}

/* Every corpus article: spans sorted, disjoint, on character boundaries;
 * tables consistent. */
static void test_corpus_invariants(void **state)
{
    char dir[1024], path[1300];
    DIR *d;
    struct dirent *de;
    size_t n = 0;

    (void)state;
    snprintf(dir, sizeof dir, "%s/corpus/wikinews-fr-2012", fixture_test_data());
    d = opendir(dir);
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        struct run r;

        if (!strstr(de->d_name, ".txt"))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        r = run_file(path);
        check_invariants(&r);
        run_free(&r);
        n++;
    }
    closedir(d);
    assert_true(n >= 100);
}

/* Random word and mark soup never breaks the invariants. */
static void test_soup(void **state)
{
    static const char *const bits[] = {
        "Le", "la société", "l’", "d'", "Il", "elle", "-t-il", "M.", "Mme",
        "USA", "TikTok", "de", "Parti", "communiste", "Banque", "France",
        "Obama", "B.", " ", " ", "\n", ".", ",", "«", "»", "“", ":", "é",
        "\xC3", "\xA9", "SA", "Inc.", "gouvernement", "Trump", "américain",
        "Américains", "x", "Z", "-", "’", "XIV", "Apple", "qu’", "le groupe"
    };
    struct lis_buf b;
    unsigned seed = 12345;
    int round;

    (void)state;
    for (round = 0; round < 200; round++) {
        struct run r;
        int k;

        lis_buf_init(&b);
        for (k = 0; k < 200; k++) {
            seed = seed * 1103515245u + 12345u;
            lis_buf_adds(&b, bits[(seed >> 16) % LIS_ARRAY_LEN(bits)]);
            if ((seed >> 8) % 3)
                lis_buf_addc(&b, ' ');
        }
        r = run_text(b.data);
        check_invariants(&r);
        run_free(&r);
        lis_buf_free(&b);
    }
}

static void test_empty(void **state)
{
    struct run r = run_text("");

    (void)state;
    assert_int_equal(r.an->n_entities, 0);
    assert_int_equal(r.an->n_mentions, 0);
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_camelcase),
        cmocka_unit_test(test_acronyms),
        cmocka_unit_test(test_particles),
        cmocka_unit_test(test_titles_and_roles),
        cmocka_unit_test(test_org_cues),
        cmocka_unit_test(test_lexicons),
        cmocka_unit_test(test_elision),
        cmocka_unit_test(test_scanner_fast_paths),
        cmocka_unit_test(test_name_key_chunks),
        cmocka_unit_test(test_lexicon_match_memo),
        cmocka_unit_test(test_sentence_initial_rejected),
        cmocka_unit_test(test_variants_merged),
        cmocka_unit_test(test_acronym_alias),
        cmocka_unit_test(test_demonym_link),
        cmocka_unit_test(test_descriptor_recent_org),
        cmocka_unit_test(test_descriptor_subject_and_ambiguity),
        cmocka_unit_test(test_narrow_descriptor),
        cmocka_unit_test(test_pronouns),
        cmocka_unit_test(test_government),
        cmocka_unit_test(test_bundled_article),
        cmocka_unit_test(test_corpus_annotations),
        cmocka_unit_test(test_corpus_invariants),
        cmocka_unit_test(test_soup),
        cmocka_unit_test(test_empty),
    };

    return cmocka_run_group_tests(tests, lexicons_setup, lexicons_teardown);
}
