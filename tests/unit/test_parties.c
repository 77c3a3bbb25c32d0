/* test_parties.c -- deal parties: each construction on one or two real
 * sentences with the entities given by hand (so the rules are tested in
 * isolation from the entities stage), negation and conditionals, "no deal"
 * on corpus articles (annotated in tests/data/annotations/deals-*.txt),
 * and the bundled article's full result, by hand and through lis_analyze. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "liseuse/analysis.h"
#include "liseuse/document.h"
#include "liseuse/lexicon.h"

#include "fixtures.h"

static char *data_path(const char *rel)
{
    const char *d = getenv("LIS_TEST_DATA");

    return d ? lis_xasprintf("%s/%s", d, rel)
             : lis_xasprintf("%s/tests/data/%s", LIS_ABS_SRCDIR, rel);
}

/* ---------------------------------------------------------------- fixture */

/* An entity given by hand: its canonical name, type, and the surface forms
 * to tag in the text, "|"-separated; a form starting with '~' is a
 * descriptor mention, with '@' a pronoun mention. */
struct ent_spec {
    const char *name;
    enum lis_entity_type type;
    const char *forms;
};

struct fixture {
    struct lis_document *doc;
    struct lis_analysis *an;
};

static bool word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

static int cmp_mention(const void *a, const void *b)
{
    const struct lis_mention *x = a, *y = b;

    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}

/* Tag every whole-word occurrence of each form; longer mentions win over
 * overlapping shorter ones. */
static void tag_entities(struct fixture *f, const struct ent_spec *specs,
                         size_t n_specs)
{
    struct lis_analysis *an = f->an;
    const char *body = f->doc->body;
    size_t cap = 0, i, out;

    an->entities = lis_xcalloc(n_specs ? n_specs : 1, sizeof *an->entities);
    an->n_entities = n_specs;
    for (i = 0; i < n_specs; i++) {
        char *forms = lis_xstrdup(specs[i].forms), *save = NULL, *tok;

        an->entities[i].id = i;
        an->entities[i].name = lis_xstrdup(specs[i].name);
        an->entities[i].type = specs[i].type;
        an->entities[i].linked = LIS_NONE;
        for (tok = strtok_r(forms, "|", &save); tok;
             tok = strtok_r(NULL, "|", &save)) {
            enum lis_mention_kind kind = LIS_MENTION_NAME;
            const char *p = body;
            size_t len;

            if (*tok == '~')
                kind = LIS_MENTION_DESCRIPTOR, tok++;
            else if (*tok == '@')
                kind = LIS_MENTION_PRONOUN, tok++;
            len = strlen(tok);
            while ((p = strstr(p, tok)) != NULL) {
                size_t s = (size_t)(p - body), e = s + len;

                if ((s == 0 || !word_byte((unsigned char)body[s - 1]) ||
                     (s >= 3 && memcmp(body + s - 3, "\xe2\x80\x99", 3) == 0)) &&
                    !word_byte((unsigned char)body[e])) {
                    an->mentions = lis_xgrow(an->mentions, &cap,
                                             an->n_mentions + 1,
                                             sizeof *an->mentions);
                    an->mentions[an->n_mentions].start = s;
                    an->mentions[an->n_mentions].end = e;
                    an->mentions[an->n_mentions].entity = i;
                    an->mentions[an->n_mentions].kind = kind;
                    an->n_mentions++;
                }
                p += len;
            }
        }
        free(forms);
    }
    if (an->n_mentions > 1)
        qsort(an->mentions, an->n_mentions, sizeof *an->mentions,
              cmp_mention);
    for (i = 0, out = 0; i < an->n_mentions; i++) {
        if (out > 0 && an->mentions[i].start < an->mentions[out - 1].end)
            continue;
        an->mentions[out++] = an->mentions[i];
    }
    an->n_mentions = out;
    for (i = 0; i < an->n_mentions; i++) {
        struct lis_entity *e = &an->entities[an->mentions[i].entity];

        e->mentions = lis_xrealloc(e->mentions,
                                   (e->n_mentions + 1) * sizeof *e->mentions);
        e->mentions[e->n_mentions++] = i;
    }
}

static void fixture_text(struct fixture *f, const char *text,
                         const struct ent_spec *specs, size_t n_specs)
{
    assert_int_equal(lis_document_from_bytes(text, strlen(text), NULL, NULL,
                                             &f->doc),
                     LIS_OK);
    f->an = lis_xcalloc(1, sizeof *f->an);
    lis_sentences_split(f->doc, lexicons, f->an);
    assert_true(f->an->n_sentences > 0);
    tag_entities(f, specs, n_specs);
    lis_parties_find(f->doc, lexicons, f->an);
}

static void fixture_free(struct fixture *f)
{
    lis_analysis_free(f->an);
    lis_document_free(f->doc);
}

static const struct lis_party *find_party(const struct lis_analysis *an,
                                          const char *name)
{
    size_t i;

    for (i = 0; i < an->n_parties; i++)
        if (strcmp(an->entities[an->parties[i].entity].name, name) == 0)
            return &an->parties[i];
    return NULL;
}

/* The party of that entity; fails the test when there is none. */
static const struct lis_party *party(const struct lis_analysis *an,
                                     const char *name)
{
    static const struct lis_party none;
    const struct lis_party *p = find_party(an, name);

    if (!p) {
        fail_msg("no party %s", name);
        return &none;
    }
    return p;
}

static void expect(const struct lis_analysis *an, const char *name,
                   enum lis_role role, enum lis_bid_status status)
{
    const struct lis_party *p = party(an, name);

    if (p->role != role || p->status != status)
        fail_msg("%s: role %s status %s, expected %s %s", name,
                 lis_role_code(p->role),
                 p->status ? lis_bid_status_code(p->status) : "-",
                 lis_role_code(role),
                 status ? lis_bid_status_code(status) : "-");
    assert_true(p->n_evidence > 0);
}

/* Evidence spans are sentences of the body that contain the party's name. */
static void check_evidence(const struct fixture *f)
{
    size_t i, j, k;

    for (i = 0; i < f->an->n_parties; i++) {
        const struct lis_party *p = &f->an->parties[i];

        for (j = 0; j < p->n_evidence; j++) {
            bool is_sentence = false;

            assert_true(p->evidence[j].start < p->evidence[j].end);
            assert_true(p->evidence[j].end <= f->doc->body_len);
            for (k = 0; k < f->an->n_sentences; k++)
                if (f->an->sentences[k].start == p->evidence[j].start &&
                    f->an->sentences[k].end == p->evidence[j].end)
                    is_sentence = true;
            assert_true(is_sentence);
            for (k = 0; k < j; k++)
                assert_false(p->evidence[k].start == p->evidence[j].start);
        }
    }
}

#define ORG LIS_ENT_ORG
#define PER LIS_ENT_PER
#define LOC LIS_ENT_LOC

/* ---------------------------------------------------------------- active, passive */

static void test_active_past(void **state)
{
    static const struct ent_spec e[] = {
        { "Microsoft", ORG, "Microsoft" }, { "LinkedIn", ORG, "LinkedIn" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "En juin 2016, Microsoft a racheté LinkedIn pour 26,2 "
                 "milliards de dollars.\n", e, 2);
    assert_non_null(f.an->deal);
    expect(f.an, "LinkedIn", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_ACQUIRER, LIS_BID_NONE);
    assert_string_equal(f.an->deal->status, "completed");
    assert_int_equal(f.an->deal->kind, LIS_DEAL_ACQUISITION);
    assert_string_equal(f.an->deal->summary,
                        "Rachat de LinkedIn par Microsoft");
    /* panel order: target first */
    assert_int_equal(f.an->parties[0].role, LIS_ROLE_TARGET);
    check_evidence(&f);
    fixture_free(&f);
}

static void test_passive(void **state)
{
    static const struct ent_spec e[] = {
        { "Microsoft", ORG, "Microsoft" }, { "LinkedIn", ORG, "LinkedIn" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "Le réseau social LinkedIn a été racheté par Microsoft "
                 "en 2016.\n", e, 2);
    expect(f.an, "LinkedIn", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_ACQUIRER, LIS_BID_NONE);
    assert_string_equal(f.an->deal->status, "completed");
    fixture_free(&f);

    /* a headline in the present: the deal is agreed, not yet done */
    fixture_text(&f, "Microsoft rachète LinkedIn pour 26,2 milliards de "
                 "dollars\n", e, 2);
    expect(f.an, "LinkedIn", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_ACQUIRER, LIS_BID_NONE);
    assert_string_equal(f.an->deal->status, "agreed");
    fixture_free(&f);
}

static void test_nominal_rachat_par(void **state)
{
    static const struct ent_spec e[] = {
        { "Microsoft", ORG, "Microsoft" }, { "TikTok", ORG, "TikTok" },
    };
    struct fixture f;

    (void)state;
    /* from the article: "pour le rachat de TikTok", with the buyer */
    fixture_text(&f, "Le rachat de TikTok par Microsoft est encore en "
                 "discussion.\n", e, 2);
    expect(f.an, "TikTok", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_BIDDER, LIS_BID_PENDING);
    assert_string_equal(f.an->deal->status, "proposed");
    fixture_free(&f);

    fixture_text(&f, "Le rachat de TikTok par Microsoft a été finalisé "
                 "hier.\n", e, 2);
    expect(f.an, "Microsoft", LIS_ROLE_ACQUIRER, LIS_BID_NONE);
    assert_string_equal(f.an->deal->status, "completed");
    fixture_free(&f);
}

static void test_nominal_offer_takeover_bid(void **state)
{
    static const struct ent_spec e[] = {
        { "Vivendi", ORG, "Vivendi" }, { "Lagardère", ORG, "Lagardère" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "Vivendi a lancé une OPA sur Lagardère. L'offre de "
                 "Vivendi court jusqu'en novembre.\n", e, 2);
    expect(f.an, "Lagardère", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Vivendi", LIS_ROLE_BIDDER, LIS_BID_PENDING);
    assert_int_equal(f.an->deal->kind, LIS_DEAL_BID);
    assert_string_equal(f.an->deal->summary,
                        "OPA sur Lagardère \xe2\x80\x94 offre de Vivendi");
    assert_int_equal(party(f.an, "Vivendi")->n_evidence, 2);
    fixture_free(&f);
}

static void test_sale_part_of_company(void **state)
{
    static const struct ent_spec e[] = {
        { "ByteDance", ORG, "ByteDance" }, { "TikTok", ORG, "TikTok" },
        { "Microsoft", ORG, "Microsoft" },
    };
    struct fixture f;

    (void)state;
    /* from the article */
    fixture_text(&f, "ByteDance nous a informés, aujourd’hui, qu’ils ne "
                 "souhaitent pas vendre ses activités américaines pour "
                 "TikTok à Microsoft.\n", e, 3);
    expect(f.an, "TikTok", LIS_ROLE_TARGET, LIS_BID_NONE);
    assert_string_equal(party(f.an, "TikTok")->name,
                        "les activités américaines de TikTok");
    expect(f.an, "ByteDance", LIS_ROLE_SELLER, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_BIDDER, LIS_BID_REJECTED);
    assert_string_equal(f.an->deal->status, "rejected");
    assert_string_equal(f.an->deal->summary,
                        "Rachat des activités américaines de TikTok "
                        "\xe2\x80\x94 offre de Microsoft refusée");
    fixture_free(&f);
}

static void test_sale_abandon_approval(void **state)
{
    static const struct ent_spec e[] = {
        { "Vivendi", ORG, "Vivendi" }, { "Editis", LIS_ENT_MISC, "Editis" },
        { "Czech Media Invest", PER, "Czech Media Invest" },
        { "Figma", LIS_ENT_MISC, "Figma" }, { "Adobe", ORG, "Adobe" },
        { "Bercy", LIS_ENT_MISC, "Bercy" },
        { "Photonis", LIS_ENT_MISC, "Photonis" },
        { "Teledyne", LIS_ENT_MISC, "Teledyne" },
    };
    struct fixture f;

    (void)state;
    /* entity types as the entities stage gives unknown names: the
     * construction makes them companies */
    fixture_text(&f, "Vivendi cède Editis à Czech Media Invest pour 200 "
                 "millions d’euros.\n", e, LIS_ARRAY_LEN(e));
    expect(f.an, "Editis", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Vivendi", LIS_ROLE_SELLER, LIS_BID_NONE);
    expect(f.an, "Czech Media Invest", LIS_ROLE_ACQUIRER, LIS_BID_NONE);
    fixture_free(&f);

    fixture_text(&f, "Le rachat de Figma par Adobe a été abandonné face à "
                 "l’opposition des régulateurs européens.\n", e,
                 LIS_ARRAY_LEN(e));
    expect(f.an, "Figma", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Adobe", LIS_ROLE_BIDDER, LIS_BID_WITHDRAWN);
    assert_string_equal(f.an->deal->status, "rejected");
    fixture_free(&f);

    fixture_text(&f, "Bercy a donné son feu vert au rachat de Photonis par "
                 "Teledyne.\n", e, LIS_ARRAY_LEN(e));
    expect(f.an, "Bercy", LIS_ROLE_REGULATOR, LIS_BID_NONE);
    assert_int_equal(party(f.an, "Bercy")->stance, LIS_STANCE_APPROVE);
    expect(f.an, "Photonis", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Teledyne", LIS_ROLE_BIDDER, LIS_BID_PENDING);
    fixture_free(&f);
}

static void test_merger(void **state)
{
    static const struct ent_spec e[] = {
        { "PSA", ORG, "PSA" }, { "Fiat Chrysler", ORG, "Fiat Chrysler" },
        { "Stellantis", ORG, "Stellantis" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "PSA et Fiat Chrysler ont annoncé leur fusion.\n", e, 3);
    assert_non_null(f.an->deal);
    assert_int_equal(f.an->deal->kind, LIS_DEAL_MERGER);
    expect(f.an, "PSA", LIS_ROLE_PARTNER, LIS_BID_NONE);
    expect(f.an, "Fiat Chrysler", LIS_ROLE_PARTNER, LIS_BID_NONE);
    fixture_free(&f);

    fixture_text(&f, "La fusion de PSA et Fiat Chrysler a donné naissance à "
                 "Stellantis.\n", e, 3);
    assert_non_null(f.an->deal);
    assert_int_equal(f.an->deal->kind, LIS_DEAL_MERGER);
    expect(f.an, "PSA", LIS_ROLE_PARTNER, LIS_BID_NONE);
    expect(f.an, "Fiat Chrysler", LIS_ROLE_PARTNER, LIS_BID_NONE);
    assert_null(find_party(f.an, "Stellantis"));
    assert_string_equal(f.an->deal->summary, "Fusion de PSA et Fiat Chrysler");
    fixture_free(&f);
}

/* ---------------------------------------------------------------- answers, preference */

static void test_refusal_possessive(void **state)
{
    static const struct ent_spec e[] = {
        { "Microsoft", ORG, "Microsoft" },
        { "TikTok", ORG, "TikTok|~l’application" },
        { "ByteDance", ORG, "ByteDance" }, { "Oracle", ORG, "Oracle" },
        { "États-Unis", LOC, "USA" },
    };
    struct fixture f;

    (void)state;
    /* from the article: "son offre" is Microsoft's, not ByteDance's */
    fixture_text(&f, "Un temps, c’est Microsoft qui fut envisagée pour "
                 "racheter l’application et permettre son autorisation sur le "
                 "territoire américain. Malheureusement pour l’entreprise, "
                 "ByteDance a refusé son offre et décidé de s’approcher "
                 "d’Oracle pour ne pas voir TikTok banni, aux USA.\n", e, 5);
    expect(f.an, "TikTok", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "ByteDance", LIS_ROLE_SELLER, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_BIDDER, LIS_BID_REJECTED);
    expect(f.an, "Oracle", LIS_ROLE_BIDDER, LIS_BID_CHOSEN);
    assert_null(find_party(f.an, "États-Unis"));
    /* the refusal is Microsoft's strongest evidence: the second sentence;
     * the pending bid of the first is listed after it */
    assert_int_equal(party(f.an, "Microsoft")->n_evidence, 2);
    assert_int_equal(party(f.an, "Microsoft")->evidence[0].start,
                     f.an->sentences[1].start);
    /* chosen bidder before rejected one */
    assert_true(party(f.an, "Oracle") < party(f.an, "Microsoft"));
    assert_string_equal(f.an->deal->status, "agreed");
    check_evidence(&f);
    fixture_free(&f);
}

static void test_refusal_passive(void **state)
{
    static const struct ent_spec e[] = {
        { "Carrefour", ORG, "Carrefour" },
        { "Couche-Tard", ORG, "Couche-Tard" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "L’offre de Couche-Tard a été rejetée par Carrefour, "
                 "qui ne souhaite pas être racheté.\n", e, 2);
    expect(f.an, "Couche-Tard", LIS_ROLE_BIDDER, LIS_BID_REJECTED);
    /* no other target named: the company that refuses is the target */
    expect(f.an, "Carrefour", LIS_ROLE_TARGET, LIS_BID_NONE);
    assert_string_equal(f.an->deal->status, "rejected");
    fixture_free(&f);
}

static void test_accept_offer(void **state)
{
    static const struct ent_spec e[] = {
        { "Twitter", ORG, "Twitter" }, { "Elon Musk", PER, "Elon Musk" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "Le conseil d’administration de Twitter a accepté "
                 "l’offre de rachat d’Elon Musk.\n", e, 2);
    expect(f.an, "Elon Musk", LIS_ROLE_BIDDER, LIS_BID_CHOSEN);
    expect(f.an, "Twitter", LIS_ROLE_TARGET, LIS_BID_NONE);
    assert_string_equal(f.an->deal->summary,
                        "Rachat de Twitter \xe2\x80\x94 Elon Musk retenu");
    assert_string_equal(f.an->deal->status, "agreed");
    fixture_free(&f);
}

static void test_preference_beaten(void **state)
{
    static const struct ent_spec e[] = {
        { "Oracle", ORG, "Oracle" }, { "Microsoft", ORG, "Microsoft" },
        { "TikTok", ORG, "TikTok" },
    };
    struct fixture f;

    (void)state;
    /* from the article */
    fixture_text(&f, "À lire aussi : Battue par Oracle, Microsoft ne serait "
                 "plus dans la course pour le rachat de TikTok\n", e, 3);
    expect(f.an, "Oracle", LIS_ROLE_BIDDER, LIS_BID_CHOSEN);
    expect(f.an, "Microsoft", LIS_ROLE_BIDDER, LIS_BID_REJECTED);
    expect(f.an, "TikTok", LIS_ROLE_TARGET, LIS_BID_NONE);
    assert_string_equal(f.an->deal->summary,
                        "Rachat de TikTok \xe2\x80\x94 offre de Microsoft "
                        "refusée, Oracle retenu");
    fixture_free(&f);
}

static void test_takeover_bid_from_and_object_of(void **state)
{
    static const struct ent_spec e[] = {
        { "Danone", ORG, "Danone" }, { "Lactalis", LIS_ENT_MISC, "Lactalis" },
    };
    struct fixture f;

    (void)state;
    /* "de la part de", "faire l'objet de", "cette offre" (the offer named
     * before), "le conseil d'administration de X" acting for X */
    fixture_text(&f, "Le groupe Danone fait l’objet d’une offre publique "
                 "d’achat de la part de son concurrent Lactalis. Le conseil "
                 "d’administration de Danone a rejeté cette offre, jugée "
                 "insuffisante.\n", e, 2);
    expect(f.an, "Danone", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Lactalis", LIS_ROLE_BIDDER, LIS_BID_REJECTED);
    assert_int_equal(f.an->deal->kind, LIS_DEAL_BID);
    assert_string_equal(f.an->deal->status, "rejected");
    assert_string_equal(f.an->deal->summary,
                        "OPA sur Danone \xe2\x80\x94 offre de Lactalis refusée");
    fixture_free(&f);
}

static void test_owner_and_unnamed_authority(void **state)
{
    static const struct ent_spec e[] = {
        { "Nvidia", ORG, "Nvidia" }, { "Arm", LIS_ENT_MISC, "Arm" },
        { "SoftBank", ORG, "SoftBank" },
        { "Commission européenne", ORG, "Commission européenne" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "Le fabricant américain de puces Nvidia a annoncé mardi "
                 "renoncer au rachat du britannique Arm, propriété du groupe "
                 "japonais SoftBank. La Commission européenne avait ouvert une "
                 "enquête approfondie et l’autorité britannique de la "
                 "concurrence menaçait de bloquer l’acquisition.\n", e, 4);
    expect(f.an, "Arm", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "SoftBank", LIS_ROLE_SELLER, LIS_BID_NONE);
    expect(f.an, "Nvidia", LIS_ROLE_BIDDER, LIS_BID_WITHDRAWN);
    /* the one who threatens to block is "l'autorité britannique", not the
     * Commission further back in the sentence */
    assert_null(find_party(f.an, "Commission européenne"));
    assert_string_equal(f.an->deal->summary,
                        "Rachat d’Arm \xe2\x80\x94 retrait de Nvidia");
    fixture_free(&f);
}

static void test_withdrawn(void **state)
{
    static const struct ent_spec e[] = {
        { "Suez", ORG, "Suez" }, { "Veolia", ORG, "Veolia" },
        { "Engie", ORG, "Engie" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "Veolia a déposé une offre pour le rachat de Suez. "
                 "Finalement, Engie renonce à racheter Suez.\n", e, 3);
    expect(f.an, "Suez", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Veolia", LIS_ROLE_BIDDER, LIS_BID_PENDING);
    expect(f.an, "Engie", LIS_ROLE_BIDDER, LIS_BID_WITHDRAWN);
    fixture_free(&f);
}

/* ---------------------------------------------------------------- regulators */

static void test_government_pressure(void **state)
{
    static const struct ent_spec e[] = {
        { "gouvernement Trump", ORG, "gouvernement Trump" },
        { "ByteDance", ORG, "ByteDance" },
        { "TikTok", ORG, "TikTok|~cette application" },
        { "Microsoft", ORG, "Microsoft" },
    };
    struct fixture f;
    const struct lis_party *p;

    (void)state;
    /* from the article */
    fixture_text(&f, "Le gouvernement Trump souhaite que ByteDance accepte "
                 "l’achat de cette application ultra populaire chez les "
                 "jeunes Américains, pour pouvoir continuer à subsister sur "
                 "le territoire.\nMicrosoft exprime ses regrets de ne pas "
                 "avoir pu racheter TikTok\n", e, 4);
    expect(f.an, "gouvernement Trump", LIS_ROLE_REGULATOR, LIS_BID_NONE);
    p = party(f.an, "gouvernement Trump");
    assert_int_equal(p->stance, LIS_STANCE_PRESSURE);
    expect(f.an, "ByteDance", LIS_ROLE_SELLER, LIS_BID_NONE);
    expect(f.an, "TikTok", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_BIDDER, LIS_BID_REJECTED);
    assert_int_equal(f.an->deal->kind, LIS_DEAL_FORCED_SALE);
    /* regulator last in the panel */
    assert_ptr_equal(p, &f.an->parties[f.an->n_parties - 1]);
    fixture_free(&f);
}

static void test_government_word_before_person(void **state)
{
    /* the entities stage may only know "Trump": the authority noun in
     * front of the name makes it the regulator, named from the text */
    static const struct ent_spec e[] = {
        { "Donald Trump", PER, "Trump" }, { "ByteDance", ORG, "ByteDance" },
        { "TikTok", ORG, "TikTok" }, { "Oracle", ORG, "Oracle" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "L’administration Trump exige que ByteDance vende "
                 "TikTok à Oracle.\n", e, 4);
    expect(f.an, "Donald Trump", LIS_ROLE_REGULATOR, LIS_BID_NONE);
    assert_string_equal(party(f.an, "Donald Trump")->name,
                        "administration Trump");
    expect(f.an, "ByteDance", LIS_ROLE_SELLER, LIS_BID_NONE);
    expect(f.an, "TikTok", LIS_ROLE_TARGET, LIS_BID_NONE);
    fixture_free(&f);
}

static void test_partner_and_stake(void **state)
{
    static const struct ent_spec e[] = {
        { "ByteDance", ORG, "ByteDance" }, { "Microsoft", ORG, "Microsoft" },
        { "Oracle", ORG, "Oracle" }, { "TikTok", ORG, "TikTok" },
        { "Engie", ORG, "Engie" }, { "Suez", ORG, "Suez" },
        { "Veolia", ORG, "Veolia" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "ByteDance a refusé l’offre de Microsoft pour TikTok. "
                 "Oracle "
                 "deviendrait le partenaire de confiance de TikTok aux "
                 "États-Unis.\n", e, LIS_ARRAY_LEN(e));
    expect(f.an, "Oracle", LIS_ROLE_PARTNER, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_BIDDER, LIS_BID_REJECTED);
    expect(f.an, "TikTok", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "ByteDance", LIS_ROLE_SELLER, LIS_BID_NONE);
    assert_int_equal(f.an->parties[f.an->n_parties - 1].role,
                     LIS_ROLE_PARTNER);
    fixture_free(&f);

    /* a partnership outside the deal (corpus 43971) is no party */
    fixture_text(&f, "ByteDance a refusé l’offre de Microsoft pour TikTok. "
                 "La capsule a été mise au point par la société Oracle, qui "
                 "réalise ainsi, en partenariat avec la NASA, la première "
                 "mission privée.\n", e, LIS_ARRAY_LEN(e));
    assert_non_null(f.an->deal);
    assert_null(find_party(f.an, "Oracle"));
    fixture_free(&f);

    fixture_text(&f, "Engie a cédé sa participation dans Suez à Veolia.\n", e,
                 LIS_ARRAY_LEN(e));
    expect(f.an, "Suez", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Engie", LIS_ROLE_SELLER, LIS_BID_NONE);
    expect(f.an, "Veolia", LIS_ROLE_ACQUIRER, LIS_BID_NONE);
    assert_int_equal(f.an->deal->kind, LIS_DEAL_STAKE);
    fixture_free(&f);
}

static void test_state_forces_sale(void **state)
{
    static const struct ent_spec e[] = {
        { "Washington", LOC, "Washington" }, { "ByteDance", ORG, "ByteDance" },
        { "TikTok", ORG, "TikTok" }, { "Inde", LOC, "l’Inde" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "Washington a ordonné à ByteDance de vendre TikTok. "
                 "L’Inde avait déjà banni l’application en juin.\n", e, 4);
    expect(f.an, "Washington", LIS_ROLE_REGULATOR, LIS_BID_NONE);
    assert_int_equal(party(f.an, "Washington")->stance, LIS_STANCE_PRESSURE);
    expect(f.an, "ByteDance", LIS_ROLE_SELLER, LIS_BID_NONE);
    expect(f.an, "TikTok", LIS_ROLE_TARGET, LIS_BID_NONE);
    assert_null(find_party(f.an, "Inde"));
    assert_int_equal(f.an->deal->kind, LIS_DEAL_FORCED_SALE);
    assert_string_equal(f.an->deal->status, "proposed");
    fixture_free(&f);
}

static void test_announced_acquisition(void **state)
{
    static const struct ent_spec e[] = {
        { "Microsoft", ORG, "Microsoft|~l’éditeur" },
        { "Activision Blizzard", ORG, "Activision Blizzard" },
        { "Sony", ORG, "Sony" },
    };
    struct fixture f;

    (void)state;
    /* "l'éditeur" wrongly resolved to Microsoft must not make it the
     * target: the name in apposition wins */
    fixture_text(&f, "Le géant américain Microsoft a annoncé mardi le rachat "
                 "de l’éditeur de jeux vidéo Activision Blizzard pour près "
                 "de 69 milliards de dollars. Sony, principal concurrent de "
                 "Microsoft, s’est inquiété de cette acquisition.\n", e, 3);
    expect(f.an, "Activision Blizzard", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_ACQUIRER, LIS_BID_NONE);
    assert_null(find_party(f.an, "Sony"));
    assert_string_equal(f.an->deal->status, "agreed");
    assert_string_equal(f.an->deal->summary,
                        "Rachat d’Activision Blizzard par Microsoft");
    fixture_free(&f);
}

static void test_regulator_blocks(void **state)
{
    static const struct ent_spec e[] = {
        { "Commission européenne", ORG, "Commission européenne" },
        { "Alstom", ORG, "Alstom" }, { "Siemens", ORG, "Siemens" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "En février 2019, la Commission européenne a bloqué la "
                 "fusion entre Alstom et Siemens.\n", e, 3);
    assert_non_null(f.an->deal);
    expect(f.an, "Commission européenne", LIS_ROLE_REGULATOR, LIS_BID_NONE);
    assert_int_equal(party(f.an, "Commission européenne")->stance,
                     LIS_STANCE_BLOCK);
    assert_string_equal(f.an->deal->status, "blocked");
    assert_int_equal(f.an->deal->kind, LIS_DEAL_MERGER);
    assert_string_equal(f.an->deal->summary,
                        "Fusion d’Alstom et Siemens \xe2\x80\x94 bloqué par "
                        "la Commission européenne");
    fixture_free(&f);
}

static void test_regulator_approves(void **state)
{
    static const struct ent_spec e[] = {
        { "Commission européenne", ORG, "Commission européenne" },
        { "LinkedIn", ORG, "LinkedIn" }, { "Microsoft", ORG, "Microsoft" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "La Commission européenne a approuvé le rachat de "
                 "LinkedIn par Microsoft, sous conditions.\n", e, 3);
    expect(f.an, "Commission européenne", LIS_ROLE_REGULATOR, LIS_BID_NONE);
    assert_int_equal(party(f.an, "Commission européenne")->stance,
                     LIS_STANCE_APPROVE);
    expect(f.an, "LinkedIn", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_BIDDER, LIS_BID_PENDING);
    assert_string_equal(f.an->deal->status, "agreed");
    assert_string_equal(f.an->deal->summary,
                        "Rachat de LinkedIn \xe2\x80\x94 offre de Microsoft, "
                        "approuvé par la Commission européenne");
    fixture_free(&f);
}

/* A regulator that approves "l'opération" (the deal named again by a
 * noun of its own) weighs in on the deal as much as one that approves
 * "le rachat". */
static void test_regulator_approves_the_operation(void **state)
{
    static const struct ent_spec e[] = {
        { "Alstom", ORG, "Alstom" },
        { "General Electric", ORG, "General Electric" },
        { "gouvernement français", ORG, "gouvernement français" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "Alstom a accepté l’offre de rachat de General "
                 "Electric. Le gouvernement français a donné son feu vert "
                 "à l’opération.\n", e, 3);
    expect(f.an, "Alstom", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "gouvernement français", LIS_ROLE_REGULATOR, LIS_BID_NONE);
    assert_int_equal(party(f.an, "gouvernement français")->stance,
                     LIS_STANCE_APPROVE);
    fixture_free(&f);

    /* without the deal named again, a green light is for something else */
    fixture_text(&f, "Alstom a accepté l’offre de rachat de General "
                 "Electric. Le gouvernement français a donné son feu vert "
                 "à la réforme.\n", e, 3);
    assert_null(find_party(f.an, "gouvernement français"));
    fixture_free(&f);
}

/* An authority that "must" approve has not approved yet: its stance is a
 * condition, and the deal is not agreed for it. */
static void test_regulator_must_approve(void **state)
{
    static const struct ent_spec e[] = {
        { "Sanofi", ORG, "Sanofi" }, { "Genzyme", ORG, "Genzyme" },
        { "Autorité des marchés financiers", ORG,
          "Autorité des marchés financiers" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "Sanofi a lancé une offre publique d’achat sur "
                 "Genzyme. L’Autorité des marchés financiers doit valider "
                 "l’opération.\n", e, 3);
    expect(f.an, "Genzyme", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Autorité des marchés financiers", LIS_ROLE_REGULATOR,
           LIS_BID_NONE);
    assert_int_equal(party(f.an, "Autorité des marchés financiers")->stance,
                     LIS_STANCE_CONDITION);
    assert_string_equal(f.an->deal->status, "proposed");
    assert_non_null(strstr(f.an->deal->summary,
                           "soumis à l’accord de l’Autorité des marchés "
                           "financiers"));
    fixture_free(&f);
}

static void test_country_banning_is_context(void **state)
{
    static const struct ent_spec e[] = {
        { "Inde", LOC, "l’Inde" }, { "TikTok", ORG, "TikTok|~l’application" },
        { "Chine", LOC, "Chine" }, { "Oracle", ORG, "Oracle" },
        { "ByteDance", ORG, "ByteDance" },
    };
    struct fixture f;

    (void)state;
    /* from the article, plus a deal so that parties exist */
    fixture_text(&f, "ByteDance a décidé de vendre TikTok à Oracle. Pour "
                 "rappel, l’Inde a déjà évoqué cette raison pour bannir "
                 "l’application sur son territoire, et d’autres développées "
                 "en Chine.\n", e, 5);
    assert_non_null(f.an->deal);
    assert_null(find_party(f.an, "Inde"));
    assert_null(find_party(f.an, "Chine"));
    fixture_free(&f);
}

/* ---------------------------------------------------------------- negation, conditionals */

static void test_coordinated_bidders(void **state)
{
    static const struct ent_spec e[] = {
        { "Microsoft", ORG, "Microsoft" }, { "Walmart", ORG, "Walmart" },
        { "TikTok", ORG, "TikTok" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "Microsoft et Walmart ont proposé de racheter TikTok.\n",
                 e, 3);
    expect(f.an, "Microsoft", LIS_ROLE_BIDDER, LIS_BID_PENDING);
    expect(f.an, "Walmart", LIS_ROLE_BIDDER, LIS_BID_PENDING);
    assert_string_equal(f.an->deal->summary,
                        "Rachat de TikTok \xe2\x80\x94 offres de Microsoft et "
                        "Walmart");
    fixture_free(&f);
}

static void test_negation_conditionals(void **state)
{
    static const struct ent_spec e[] = {
        { "Microsoft", ORG, "Microsoft" }, { "TikTok", ORG, "TikTok" },
    };
    static const struct {
        const char *text;
        enum lis_bid_status status;
    } cases[] = {
        /* the article's title and body */
        { "Microsoft exprime ses regrets de ne pas avoir pu racheter "
          "TikTok\n", LIS_BID_REJECTED },
        { "Microsoft aurait pu racheter TikTok.\n", LIS_BID_REJECTED },
        { "Microsoft ne rachètera pas TikTok.\n", LIS_BID_WITHDRAWN },
        { "Microsoft pourrait racheter TikTok.\n", LIS_BID_PENDING },
        { "Microsoft rachèterait TikTok pour 30 milliards.\n",
          LIS_BID_PENDING },
    };
    size_t i;

    (void)state;
    for (i = 0; i < LIS_ARRAY_LEN(cases); i++) {
        struct fixture f;
        const struct lis_party *p;

        fixture_text(&f, cases[i].text, e, 2);
        p = party(f.an, "Microsoft");
        if (p->role != LIS_ROLE_BIDDER || p->status != cases[i].status)
            fail_msg("case %zu: %s %s", i, lis_role_code(p->role),
                     p->status ? lis_bid_status_code(p->status) : "-");
        expect(f.an, "TikTok", LIS_ROLE_TARGET, LIS_BID_NONE);
        assert_string_not_equal(f.an->deal->status, "completed");
        fixture_free(&f);
    }
}

static void test_will_not_have(void **state)
{
    static const struct ent_spec e[] = {
        { "Microsoft", ORG, "Microsoft" }, { "TikTok", ORG, "TikTok" },
        { "ByteDance", ORG, "ByteDance" },
    };
    struct fixture f;

    (void)state;
    /* the article: "Microsoft n'aura pas TikTok" needs TikTok known as the
     * target, from another sentence */
    fixture_text(&f, "ByteDance ne veut plus vendre TikTok. Microsoft n’aura "
                 "pas TikTok et regrette cette décision.\n", e, 3);
    expect(f.an, "Microsoft", LIS_ROLE_BIDDER, LIS_BID_REJECTED);
    expect(f.an, "ByteDance", LIS_ROLE_SELLER, LIS_BID_NONE);
    assert_int_equal(party(f.an, "Microsoft")->evidence[0].start,
                     f.an->sentences[1].start);
    fixture_free(&f);
}

/* The words of a body that ends with a word, neither punctuation nor a
 * new line after it (the look for a deal term reads ASCII runs without a
 * test of the end before the last byte that ends a word, and with one
 * after it). */
static void test_words_to_the_end(void **state)
{
    static const struct ent_spec e[] = {
        { "Microsoft", ORG, "Microsoft" }, { "LinkedIn", ORG, "LinkedIn" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "LinkedIn a été acquis par Microsoft", e, 2);
    expect(f.an, "LinkedIn", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_ACQUIRER, LIS_BID_NONE);
    fixture_free(&f);
    fixture_text(&f, "Microsoft rach\xc3\xa8te LinkedIn", e, 2);
    expect(f.an, "LinkedIn", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_ACQUIRER, LIS_BID_NONE);
    fixture_free(&f);
}

/* ---------------------------------------------------------------- memo */

/* The same parties, entity by entity, and the same deal. */
static void same_result(const struct lis_analysis *a,
                        const struct lis_analysis *b)
{
    size_t i;

    assert_int_equal(a->n_parties, b->n_parties);
    for (i = 0; i < a->n_parties; i++) {
        assert_string_equal(a->entities[a->parties[i].entity].name,
                            b->entities[b->parties[i].entity].name);
        assert_string_equal(a->parties[i].name, b->parties[i].name);
        assert_int_equal(a->parties[i].role, b->parties[i].role);
        assert_int_equal(a->parties[i].status, b->parties[i].status);
        assert_int_equal(a->parties[i].stance, b->parties[i].stance);
        assert_int_equal(a->parties[i].n_evidence, b->parties[i].n_evidence);
    }
    assert_true((a->deal == NULL) == (b->deal == NULL));
    if (a->deal) {
        assert_int_equal(a->deal->kind, b->deal->kind);
        assert_string_equal(a->deal->status, b->deal->status);
        assert_string_equal(a->deal->summary, b->deal->summary);
    }
}

/* The longest matches of the deal lexicon are memoised by the words they
 * read and the gaps between them as the text writes them (one run of the
 * stage, one memo): sentences without an entity that write the deal terms
 * of a text with other apostrophes, spaces and cases (and give no claim,
 * hint or bidder: a refused offer nobody made), put before it, leave its
 * parties as they are; so does a sentence after it that ends the body
 * inside a term, right after a word.  ("s'approcher d'eux" is read before
 * "s’approcher d’Oracle": the same words, whose match ends four bytes
 * further in the second.) */
static void test_memo_other_spellings(void **state)
{
    static const char prime[] =
        "Le groupe refuse l'offre publique d'achat de la part de son "
        "concurrent. Il fait l\xca\xbc""objet d\xe2\x80\x98un rejet et "
        "refuse l\xe2\x80\x99OFFRE  PUBLIQUE\td\xe2\x80\x99""ACHAT De "
        "La Part\xc2\xa0""De lui. Elle s'est approch\xc3\xa9""e de, "
        "s\xe2\x80\x99""est rapproch\xc3\xa9""e d'eux, n'aura pas, "
        "qu\xe2\x80\x99il n\xe2\x80\x99""a pas. D'achat, "
        "d\xe2\x80\x99\xc3\xa9""change, la part de. Il a refus\xc3\xa9 son "
        "offre et d\xc3\xa9""cide de s'approcher d'eux.\n\n";
    static const char tail[] = "\nLe groupe s'approche d\xe2\x80\x99";
    static const struct ent_spec e1[] = {
        { "Danone", ORG, "Danone" }, { "Lactalis", LIS_ENT_MISC, "Lactalis" },
    };
    static const struct ent_spec e2[] = {
        { "Microsoft", ORG, "Microsoft" },
        { "TikTok", ORG, "TikTok|~l’application" },
        { "ByteDance", ORG, "ByteDance" }, { "Oracle", ORG, "Oracle" },
        { "États-Unis", LOC, "USA" },
    };
    static const struct {
        const char *text;
        const struct ent_spec *e;
        size_t n;
    } cases[] = {
        { "Le groupe Danone fait l’objet d’une offre publique d’achat de la "
          "part de son concurrent Lactalis. Le conseil d’administration de "
          "Danone a rejeté cette offre, jugée insuffisante.\n", e1, 2 },
        { "Un temps, c’est Microsoft qui fut envisagée pour racheter "
          "l’application et permettre son autorisation sur le territoire "
          "américain. Malheureusement pour l’entreprise, ByteDance a refusé "
          "son offre et décidé de s’approcher d’Oracle pour ne pas voir "
          "TikTok banni, aux USA.\n", e2, 5 },
    };
    size_t k;

    (void)state;
    for (k = 0; k < LIS_ARRAY_LEN(cases); k++) {
        struct fixture alone, before, after;
        char *t1 = lis_xasprintf("%s%s", prime, cases[k].text);
        char *t2 = lis_xasprintf("%s%s", cases[k].text, tail);

        fixture_text(&alone, cases[k].text, cases[k].e, cases[k].n);
        fixture_text(&before, t1, cases[k].e, cases[k].n);
        fixture_text(&after, t2, cases[k].e, cases[k].n);
        assert_non_null(alone.an->deal);
        same_result(alone.an, before.an);
        same_result(alone.an, after.an);
        fixture_free(&alone);
        fixture_free(&before);
        fixture_free(&after);
        free(t1);
        free(t2);
    }
}

/* Pass B reads its sentences again (tokenised a second time from the same
 * mention index): a regulator two sentences after the deal, a sentence
 * without a deal between them, letters across 8-byte loads. */
static void test_pass_b_later_sentence(void **state)
{
    static const struct ent_spec e[] = {
        { "Microsoft", ORG, "Microsoft" },
        { "Activision Blizzard", ORG, "Activision Blizzard|Activision" },
        { "Commission européenne", ORG, "Commission européenne" },
    };
    struct fixture f;

    (void)state;
    fixture_text(&f, "Microsoft a racheté Activision Blizzard pour 69 "
                 "milliards de dollars. Les analystes en parlent beaucoup. "
                 "La Commission européenne a approuvé le rachat "
                 "d’Activision Blizzard par Microsoft.\n", e, 3);
    assert_non_null(f.an->deal);
    expect(f.an, "Activision Blizzard", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(f.an, "Microsoft", LIS_ROLE_ACQUIRER, LIS_BID_NONE);
    expect(f.an, "Commission européenne", LIS_ROLE_REGULATOR, LIS_BID_NONE);
    assert_int_equal(party(f.an, "Commission européenne")->stance,
                     LIS_STANCE_APPROVE);
    assert_int_equal(party(f.an, "Commission européenne")->evidence[0].start,
                     f.an->sentences[2].start);
    check_evidence(&f);
    fixture_free(&f);
}

/* ---------------------------------------------------------------- false positives */

static void test_common_words_are_not_deals(void **state)
{
    static const struct ent_spec e[] = {
        { "Petroplus", ORG, "Petroplus" }, { "PSA", ORG, "PSA" },
        { "Ufip", ORG, "Ufip" }, { "Orange", ORG, "Orange" },
        { "CEDEAO", ORG, "CEDEAO" }, { "ONU", ORG, "ONU" },
        { "Minitel", LIS_ENT_MISC, "Minitel" },
    };
    struct fixture f;

    (void)state;
    /* corpus sentences (44974, 44635, 44318, 44540) where "offre",
     * "vente", "vendre", "feu vert" are no deal */
    fixture_text(&f, "« Petroplus a fermé pendant plusieurs mois, ce qui a "
                 "retiré de la capacité, a resserré les équilibres entre "
                 "offre et demande et a ainsi amélioré les marges », explique "
                 "le président de l’Ufip. Cette chute des ventes s’explique "
                 "par un mauvais positionnement de PSA dans le marché "
                 "automobile qui se caractérise par la vente de voitures "
                 "low-cost. Le Minitel a réussi à se vendre en France, mais "
                 "pas à l’étranger, selon Orange. La CEDEAO attend le feu "
                 "vert de l’ONU.\n", e, LIS_ARRAY_LEN(e));
    assert_null(f.an->deal);
    assert_int_equal(f.an->n_parties, 0);
    assert_null(f.an->parties);
    fixture_free(&f);
}

static void test_trade_is_not_a_deal(void **state)
{
    static const struct ent_spec e[] = {
        { "Apple", ORG, "Apple" }, { "iPhone 15", LIS_ENT_MISC, "iPhone 15" },
        { "Inde", LOC, "Inde" }, { "Free", ORG, "Free" },
        { "Bouygues Telecom", ORG, "Bouygues Telecom" },
        { "Crédit Mutuel", ORG, "Crédit Mutuel" }, { "Chine", LOC, "Chine" },
        { "Peter Higgs", PER, "Peter Higgs" },
    };
    static const char *const texts[] = {
        "Apple vend désormais l’iPhone 15 en Inde.\n",
        "Free a lancé une offre mobile chez Bouygues Telecom.\n",
        "La Chine a racheté des bons du Trésor américain.\n",
        /* corpus 44373 and 44520 */
        "Les analystes du groupe Crédit Mutuel estiment que « cela ne fait "
        "que confirmer le fait acquis que le système bancaire ne pourra pas "
        "se sortir de la crise ».\n",
        "L’existence du boson a été émise par Peter Higgs. Il permet aux "
        "particules d’acquérir une masse.\n",
    };
    size_t i;

    (void)state;
    for (i = 0; i < LIS_ARRAY_LEN(texts); i++) {
        struct fixture f;

        fixture_text(&f, texts[i], e, LIS_ARRAY_LEN(e));
        if (f.an->deal)
            fail_msg("text %zu: deal %s", i, f.an->deal->summary);
        assert_int_equal(f.an->n_parties, 0);
        fixture_free(&f);
    }
}

/* ---------------------------------------------------------------- the bundled article */

static char *article_path(void)
{
    const char *d = getenv("LISEUSE_ARTICLEDIR");

    return d ? lis_xasprintf("%s/microsoft-tiktok-oracle.txt", d)
             : lis_xstrdup(LIS_ABS_SRCDIR "/articles/microsoft-tiktok-oracle.txt");
}

static void check_bundled(const struct lis_analysis *an,
                          const char *regulator)
{
    const struct lis_party *p;
    size_t i;

    assert_non_null(an->deal);
    expect(an, "TikTok", LIS_ROLE_TARGET, LIS_BID_NONE);
    expect(an, "ByteDance", LIS_ROLE_SELLER, LIS_BID_NONE);
    expect(an, "Microsoft", LIS_ROLE_BIDDER, LIS_BID_REJECTED);
    expect(an, "Oracle", LIS_ROLE_BIDDER, LIS_BID_CHOSEN);
    expect(an, regulator, LIS_ROLE_REGULATOR, LIS_BID_NONE);
    assert_int_equal(party(an, regulator)->stance, LIS_STANCE_PRESSURE);
    for (i = 0; i < an->n_parties; i++) {
        const struct lis_entity *e = &an->entities[an->parties[i].entity];

        if (strstr(e->name, "Inde") || strstr(e->name, "India") ||
            strstr(e->name, "Chine"))
            fail_msg("context country %s is a party", e->name);
    }
    assert_int_equal(an->n_parties, 5);
    /* panel order */
    assert_int_equal(an->parties[0].role, LIS_ROLE_TARGET);
    assert_int_equal(an->parties[1].role, LIS_ROLE_SELLER);
    assert_int_equal(an->parties[2].status, LIS_BID_CHOSEN);
    assert_int_equal(an->parties[3].status, LIS_BID_REJECTED);
    assert_int_equal(an->parties[4].role, LIS_ROLE_REGULATOR);
    p = party(an, "TikTok");
    assert_string_equal(p->name, "les activités américaines de TikTok");
    assert_int_equal(an->deal->kind, LIS_DEAL_FORCED_SALE);
    assert_string_equal(an->deal->summary,
                        "Rachat des activités américaines de TikTok "
                        "\xe2\x80\x94 offre de Microsoft refusée, Oracle "
                        "retenu");
    /* Microsoft's quotes are its own */
    p = party(an, "Microsoft");
    for (i = 0; i < p->n_quotes; i++)
        assert_int_equal(an->quotes[p->quotes[i]].speaker, p->entity);
    assert_true(p->n_evidence >= 4);
}

static void test_bundled_article_by_hand(void **state)
{
    static const struct ent_spec e[] = {
        { "TikTok", ORG, "TikTok|~cette application|~l’application|"
                         "~la plate-forme" },
        { "gouvernement Trump", ORG, "gouvernement Trump" },
        { "ByteDance", ORG, "ByteDance|@ils" },
        { "États-Unis", LOC, "USA" },
        { "Parti communiste chinois", ORG, "Parti communiste chinois" },
        { "Microsoft", ORG, "Microsoft|~La multinationale américaine|"
                            "~la société|~La société" },
        { "Oracle", ORG, "Oracle" },
        { "Inde", LOC, "l’Inde" }, { "Chine", LOC, "Chine" },
    };
    struct fixture f;
    char *path = article_path(), *errmsg = NULL;

    (void)state;
    assert_int_equal(lis_document_load(path, NULL, &f.doc, &errmsg), LIS_OK);
    free(path);
    f.an = lis_xcalloc(1, sizeof *f.an);
    lis_sentences_split(f.doc, lexicons, f.an);
    tag_entities(&f, e, LIS_ARRAY_LEN(e));
    lis_parties_find(f.doc, lexicons, f.an);
    check_bundled(f.an, "gouvernement Trump");
    check_evidence(&f);
    fixture_free(&f);
}

static void test_bundled_article_pipeline(void **state)
{
    struct lis_document *doc = NULL;
    struct lis_analysis *an;
    char *path = article_path(), *errmsg = NULL;
    const char *regulator = NULL;
    size_t i;

    (void)state;
    assert_int_equal(lis_document_load(path, NULL, &doc, &errmsg), LIS_OK);
    free(path);
    an = lis_analyze(doc, lexicons, NULL, NULL);
    assert_non_null(an);
    for (i = 0; i < an->n_parties; i++)
        if (an->parties[i].role == LIS_ROLE_REGULATOR)
            regulator = an->entities[an->parties[i].entity].name;
    if (!regulator)
        fail_msg("no regulator among %zu parties", an->n_parties);
    check_bundled(an, regulator);
    lis_analysis_free(an);
    lis_document_free(doc);
}

/* ---------------------------------------------------------------- corpus: no deal */

/* Every capitalised word run not opening a sentence becomes an ORG entity:
 * a pessimistic tagger, so that "no deal" does not rest on the entities
 * stage missing names. */
static void tag_capitalised(struct fixture *f)
{
    struct lis_analysis *an = f->an;
    const char *b = f->doc->body;
    size_t p = 0, len = f->doc->body_len, cap_m = 0, cap_e = 0;

    while (p < len) {
        size_t s = p, e;
        bool opens = true;
        char *name;

        if (!(b[p] >= 'A' && b[p] <= 'Z') ||
            (p > 0 && word_byte((unsigned char)b[p - 1]))) {
            p++;
            continue;
        }
        {
            size_t q = s;

            while (q > 0 && (b[q - 1] == ' ' || b[q - 1] == '\xa0'))
                q--;
            opens = q == 0 || b[q - 1] == '.' || b[q - 1] == '\n' ||
                    b[q - 1] == '?' || b[q - 1] == '!';
        }
        e = s;
        while (e < len && (word_byte((unsigned char)b[e]) || b[e] == '-'))
            e++;
        p = e;
        if (opens)
            continue;
        name = lis_xstrndup(b + s, e - s);
        an->entities = lis_xgrow(an->entities, &cap_e, an->n_entities + 1,
                                 sizeof *an->entities);
        memset(&an->entities[an->n_entities], 0, sizeof *an->entities);
        an->entities[an->n_entities].id = an->n_entities;
        an->entities[an->n_entities].name = name;
        an->entities[an->n_entities].type = ORG;
        an->entities[an->n_entities].linked = LIS_NONE;
        an->mentions = lis_xgrow(an->mentions, &cap_m, an->n_mentions + 1,
                                 sizeof *an->mentions);
        an->mentions[an->n_mentions].start = s;
        an->mentions[an->n_mentions].end = e;
        an->mentions[an->n_mentions].entity = an->n_entities;
        an->mentions[an->n_mentions].kind = LIS_MENTION_NAME;
        an->entities[an->n_entities].mentions =
            lis_xmalloc(sizeof(size_t));
        an->entities[an->n_entities].mentions[0] = an->n_mentions;
        an->entities[an->n_entities].n_mentions = 1;
        an->n_mentions++;
        an->n_entities++;
    }
}

/* Read "key: value" from an annotation file; malloc'd or NULL. */
static char *annotation(const char *text, const char *key)
{
    size_t kl = strlen(key);
    const char *p = text;

    while (p && *p) {
        if (strncmp(p, key, kl) == 0 && p[kl] == ':') {
            const char *v = p + kl + 1, *e;

            while (*v == ' ')
                v++;
            e = strchr(v, '\n');
            return lis_xstrndup(v, e ? (size_t)(e - v) : strlen(v));
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return NULL;
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    struct lis_buf b;
    char chunk[4096];
    size_t n;

    if (!fp)
        return NULL;
    lis_buf_init(&b);
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        lis_buf_add(&b, chunk, n);
    fclose(fp);
    return lis_buf_steal(&b, NULL);
}

static void test_corpus_annotations(void **state)
{
    char *dir = data_path("annotations");
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t checked = 0, no_deal = 0;

    (void)state;
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        char *path, *text, *article, *deal, *reason, *apath;
        struct lis_document *doc = NULL;
        struct lis_analysis *an;
        struct fixture f;

        if (strncmp(de->d_name, "deals-", 6) != 0 ||
            !strstr(de->d_name, ".txt"))
            continue;
        path = lis_xasprintf("%s/%s", dir, de->d_name);
        text = slurp(path);
        assert_non_null(text);
        article = annotation(text, "article");
        deal = annotation(text, "deal");
        reason = annotation(text, "reason");
        if (!article || !deal || !reason || !*reason)
            fail_msg("%s: needs article, deal and reason", path);
        free(reason);
        apath = data_path(article);
        assert_int_equal(lis_document_load(apath, NULL, &doc, NULL), LIS_OK);

        /* the real pipeline */
        an = lis_analyze(doc, lexicons, NULL, NULL);
        assert_non_null(an);
        if (strcmp(deal, "none") == 0) {
            if (an->deal || an->n_parties)
                fail_msg("%s: deal found (%s)", article,
                         an->deal ? an->deal->summary : "parties");
            no_deal++;
        } else {
            if (!an->deal || strcmp(lis_deal_kind_code(an->deal->kind), deal))
                fail_msg("%s: expected a %s deal", article, deal);
        }
        lis_analysis_free(an);

        /* every capitalised word an organisation: still no deal */
        if (strcmp(deal, "none") == 0) {
            f.doc = doc;
            f.an = lis_xcalloc(1, sizeof *f.an);
            lis_sentences_split(doc, lexicons, f.an);
            tag_capitalised(&f);
            lis_parties_find(doc, lexicons, f.an);
            if (f.an->deal)
                fail_msg("%s: deal with capitalised words: %s", article,
                         f.an->deal->summary);
            lis_analysis_free(f.an);
        }
        lis_document_free(doc);
        free(apath);
        free(article);
        free(deal);
        free(text);
        free(path);
        checked++;
    }
    closedir(d);
    free(dir);
    assert_true(no_deal >= 10);
    assert_true(checked >= no_deal);
}

static void test_empty_inputs(void **state)
{
    struct fixture f;

    (void)state;
    fixture_text(&f, "Rien.\n", NULL, 0);
    assert_null(f.an->deal);
    assert_int_equal(f.an->n_parties, 0);
    /* no lexicon: nothing, no crash */
    lis_parties_find(f.doc, NULL, f.an);
    assert_null(f.an->deal);
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_active_past),
        cmocka_unit_test(test_pass_b_later_sentence),
        cmocka_unit_test(test_passive),
        cmocka_unit_test(test_nominal_rachat_par),
        cmocka_unit_test(test_nominal_offer_takeover_bid),
        cmocka_unit_test(test_sale_part_of_company),
        cmocka_unit_test(test_sale_abandon_approval),
        cmocka_unit_test(test_merger),
        cmocka_unit_test(test_refusal_possessive),
        cmocka_unit_test(test_refusal_passive),
        cmocka_unit_test(test_accept_offer),
        cmocka_unit_test(test_preference_beaten),
        cmocka_unit_test(test_takeover_bid_from_and_object_of),
        cmocka_unit_test(test_owner_and_unnamed_authority),
        cmocka_unit_test(test_withdrawn),
        cmocka_unit_test(test_government_pressure),
        cmocka_unit_test(test_government_word_before_person),
        cmocka_unit_test(test_partner_and_stake),
        cmocka_unit_test(test_state_forces_sale),
        cmocka_unit_test(test_announced_acquisition),
        cmocka_unit_test(test_regulator_blocks),
        cmocka_unit_test(test_regulator_approves),
        cmocka_unit_test(test_regulator_approves_the_operation),
        cmocka_unit_test(test_regulator_must_approve),
        cmocka_unit_test(test_country_banning_is_context),
        cmocka_unit_test(test_coordinated_bidders),
        cmocka_unit_test(test_negation_conditionals),
        cmocka_unit_test(test_will_not_have),
        cmocka_unit_test(test_memo_other_spellings),
        cmocka_unit_test(test_words_to_the_end),
        cmocka_unit_test(test_common_words_are_not_deals),
        cmocka_unit_test(test_trade_is_not_a_deal),
        cmocka_unit_test(test_empty_inputs),
        cmocka_unit_test(test_bundled_article_by_hand),
        cmocka_unit_test(test_bundled_article_pipeline),
        cmocka_unit_test(test_corpus_annotations),
    };

    return cmocka_run_group_tests(tests, lexicons_setup, lexicons_teardown);
}
