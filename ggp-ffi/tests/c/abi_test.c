/*
 * Checks the C ABI from C: results, every error path, NULL pointers, bad UTF-8, small
 * buffers and handle lifetimes. Run under valgrind by scripts/test-c; prints
 * "N passed, N failed" and exits non-zero on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ggp.h"

static int passed = 0, failed = 0;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (cond) {                                                        \
            passed++;                                                      \
        } else {                                                           \
            failed++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                  \
    } while (0)

#define S(text) text, strlen(text)

static void test_version(void) {
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", GGP_VERSION_MAJOR, GGP_VERSION_MINOR,
             GGP_VERSION_PATCH);
    CHECK(strcmp(ggp_version(), expected) == 0);
}

static void test_cards(void) {
    ggp_card card = 99;
    ggp_error error;
    CHECK(ggp_card_parse(S("As"), &card, &error) == GGP_STATUS_OK && card == 51);
    CHECK(error.status == GGP_STATUS_OK && error.message[0] == '\0');
    CHECK(ggp_card_parse(S("10\xe2\x99\xa6"), &card, NULL) == GGP_STATUS_OK && card == 8 * 4 + 1);
    CHECK(ggp_card_parse(S("2c"), &card, NULL) == GGP_STATUS_OK && card == 0);

    card = 77;
    CHECK(ggp_card_parse(S("1x"), &card, &error) == GGP_STATUS_INVALID_CARD);
    CHECK(error.status == GGP_STATUS_INVALID_CARD);
    CHECK(strstr(error.message, "\"1x\"") != NULL && strstr(error.message, "unknown rank") != NULL);
    CHECK(card == 77); /* outputs are written only on success */
    CHECK(ggp_card_parse(S("\xff\xfe"), &card, &error) == GGP_STATUS_INVALID_UTF8);
    CHECK(ggp_card_parse(NULL, 2, &card, &error) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(strstr(error.message, "`text`") != NULL);
    CHECK(ggp_card_parse(S("As"), NULL, &error) == GGP_STATUS_NULL_ARGUMENT);

    char text[3];
    size_t len = 0;
    CHECK(ggp_card_format(51, text, sizeof text, &len, NULL) == GGP_STATUS_OK);
    CHECK(strcmp(text, "As") == 0 && len == 2);
    CHECK(ggp_card_format(51, text, 2, &len, NULL) == GGP_STATUS_BUFFER_TOO_SMALL);
    CHECK(ggp_card_format(52, text, sizeof text, &len, NULL) == GGP_STATUS_INVALID_CARD);
    CHECK(ggp_card_format(0, NULL, 3, &len, NULL) == GGP_STATUS_NULL_ARGUMENT);

    ggp_card cards[8];
    size_t count = 0;
    CHECK(ggp_cards_parse(S("AhKh 10c,2d"), cards, 8, &count, NULL) == GGP_STATUS_OK && count == 4);
    CHECK(ggp_cards_parse(S("As Ks 1x"), cards, 8, &count, &error) == GGP_STATUS_INVALID_CARD);
    CHECK(strstr(error.message, "card 3 of the list") != NULL);
    CHECK(ggp_cards_parse(S("As Ks Qs"), cards, 2, &count, &error) == GGP_STATUS_BUFFER_TOO_SMALL);
    CHECK(ggp_cards_parse(S(""), NULL, 0, &count, NULL) == GGP_STATUS_OK && count == 0);
    CHECK(ggp_cards_parse(S("As"), NULL, 1, &count, NULL) == GGP_STATUS_NULL_ARGUMENT);
}

static void test_evaluate(void) {
    ggp_card cards[8];
    size_t count = 0;
    ggp_hand_value value;
    ggp_error error;

    ggp_cards_parse(S("7h 7d 7c 2s 2h"), cards, 8, &count, NULL);
    CHECK(ggp_hand_evaluate(cards, count, &value, &error) == GGP_STATUS_OK);
    CHECK(value.category == GGP_HAND_CATEGORY_FULL_HOUSE);
    CHECK(strcmp(value.description, "Full House, Sevens full of Twos") == 0);
    CHECK(strcmp(ggp_hand_category_name(value.category), "full_house") == 0);
    uint32_t full_house = value.strength;

    ggp_cards_parse(S("As Ks Qs Js Ts 2c 3d"), cards, 8, &count, NULL);
    CHECK(ggp_hand_evaluate(cards, count, &value, NULL) == GGP_STATUS_OK);
    CHECK(value.category == GGP_HAND_CATEGORY_STRAIGHT_FLUSH && value.strength > full_house);
    CHECK(value.best_five[0] == 51 && strcmp(value.description, "Royal Flush") == 0);

    CHECK(ggp_hand_evaluate(cards, 4, &value, &error) == GGP_STATUS_WRONG_CARD_COUNT);
    CHECK(strstr(error.message, "5 to 7 cards") != NULL);
    ggp_cards_parse(S("As Ks Qs Js Ts 9s 8s 7s"), cards, 8, &count, NULL);
    CHECK(ggp_hand_evaluate(cards, count, &value, NULL) == GGP_STATUS_WRONG_CARD_COUNT);
    ggp_cards_parse(S("As Ks Qs Js As"), cards, 8, &count, NULL);
    CHECK(ggp_hand_evaluate(cards, count, &value, &error) == GGP_STATUS_DUPLICATE_CARD);
    CHECK(strstr(error.message, "As") != NULL);
    ggp_card not_cards[5] = {0, 1, 2, 3, 200};
    CHECK(ggp_hand_evaluate(not_cards, 5, &value, NULL) == GGP_STATUS_INVALID_CARD);
    CHECK(ggp_hand_evaluate(NULL, 5, &value, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_evaluate(cards, 5, NULL, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_category_name(9) == NULL);
}

static void test_deck(void) {
    ggp_deck *deck = NULL;
    ggp_error error;
    CHECK(ggp_deck_new(GGP_DECK_KIND_STANDARD, &deck, &error) == GGP_STATUS_OK && deck != NULL);
    CHECK(ggp_deck_shuffle(deck, 2024, NULL) == GGP_STATUS_OK);
    ggp_card top[5];
    CHECK(ggp_deck_draw(deck, 5, top, 5, NULL) == GGP_STATUS_OK);
    char text[16] = "";
    for (int i = 0; i < 5; i++) {
        char card[3];
        ggp_card_format(top[i], card, sizeof card, NULL, NULL);
        strcat(text, card);
    }
    CHECK(strcmp(text, "9d4cQc2c8s") == 0); /* pinned by the core: same seed, same deal */
    size_t remaining = 0;
    CHECK(ggp_deck_remaining(deck, &remaining, NULL) == GGP_STATUS_OK && remaining == 47);
    ggp_card many[64];
    CHECK(ggp_deck_draw(deck, 48, many, 64, &error) == GGP_STATUS_DECK_EXHAUSTED);
    CHECK(strstr(error.message, "only 47") != NULL);
    CHECK(ggp_deck_draw(deck, 5, many, 4, NULL) == GGP_STATUS_BUFFER_TOO_SMALL);
    CHECK(ggp_deck_remaining(deck, &remaining, NULL) == GGP_STATUS_OK && remaining == 47);
    CHECK(ggp_deck_draw(NULL, 1, many, 1, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_deck_remaining(deck, NULL, NULL) == GGP_STATUS_NULL_ARGUMENT);
    ggp_deck_free(deck);
    ggp_deck_free(NULL);

    ggp_deck *short_deck = NULL;
    CHECK(ggp_deck_new(GGP_DECK_KIND_SHORT, &short_deck, NULL) == GGP_STATUS_OK);
    CHECK(ggp_deck_remaining(short_deck, &remaining, NULL) == GGP_STATUS_OK && remaining == 36);
    ggp_deck_free(short_deck);

    ggp_deck *untouched = (ggp_deck *)&error;
    CHECK(ggp_deck_new(7, &untouched, &error) == GGP_STATUS_INVALID_ARGUMENT);
    CHECK(untouched == (ggp_deck *)&error);
    CHECK(ggp_deck_new(GGP_DECK_KIND_STANDARD, NULL, NULL) == GGP_STATUS_NULL_ARGUMENT);
}

/* Fields of ggp_hand_options from C strings; NULL leaves a field out. */
#define TEXT_FIELD(opts, field, text) \
    do { (opts).field = (text); (opts).field##_len = (text) ? strlen(text) : 0; } while (0)

static ggp_hand *heads_up(void) {
    ggp_hand_options options;
    memset(&options, 0, sizeof options);
    TEXT_FIELD(options, variant, "NT");
    TEXT_FIELD(options, starting_stacks, "200 200");
    TEXT_FIELD(options, blinds_or_straddles, "1 2");
    TEXT_FIELD(options, min_bet, "2");
    ggp_hand *hand = NULL;
    CHECK(ggp_hand_new(&options, &hand, NULL) == GGP_STATUS_OK && hand != NULL);
    return hand;
}

static ggp_status apply(ggp_hand *hand, const char *notation, ggp_error *error) {
    return ggp_hand_apply(hand, notation, strlen(notation), error);
}

static int is_complete(const ggp_hand *hand) {
    bool complete = true;
    CHECK(ggp_hand_is_complete(hand, &complete, NULL) == GGP_STATUS_OK);
    return complete;
}

/* The hand's view JSON, through the size query: the caller frees it. */
static char *view_json(const ggp_hand *hand) {
    size_t len = 0;
    CHECK(ggp_hand_view_json(hand, NULL, 0, &len, NULL) == GGP_STATUS_BUFFER_TOO_SMALL);
    char *json = malloc(len + 1);
    CHECK(ggp_hand_view_json(hand, json, len + 1, &len, NULL) == GGP_STATUS_OK);
    return json;
}

static void test_rules(void) {
    static const char *const to_showdown[] = {
        "d dh p1 AsKs", "d dh p2 7h7d", "p2 cc", "p1 cc",
        "d db Jc3d5c", "p1 cc", "p2 cc", "d db 4h", "p1 cc", "p2 cc",
        "d db 9s", "p1 cc", "p2 cc", "p1 sm AsKs", "p2 sm 7h7d",
    };
    ggp_error error;
    ggp_hand *hand = heads_up();
    CHECK(!is_complete(hand));
    for (size_t i = 0; i < 2; i++) {
        CHECK(apply(hand, to_showdown[i], &error) == GGP_STATUS_OK);
    }

    /* An illegal action: its status, the rule in the message, the state unchanged. */
    char *before = view_json(hand);
    CHECK(apply(hand, "p2 cbr 3", &error) == GGP_STATUS_RULE_VIOLATION);
    CHECK(error.status == GGP_STATUS_RULE_VIOLATION);
    CHECK(strstr(error.message, "(bet_too_small)") != NULL);
    CHECK(apply(hand, "p1 cc", &error) == GGP_STATUS_RULE_VIOLATION);
    CHECK(strstr(error.message, "(not_your_turn)") != NULL);
    CHECK(apply(hand, "p1 jump", &error) == GGP_STATUS_HAND_HISTORY);
    char *unchanged = view_json(hand);
    CHECK(strcmp(before, unchanged) == 0);
    free(unchanged);

    /* Undo and redo. */
    CHECK(apply(hand, "p2 cbr 6", NULL) == GGP_STATUS_OK);
    char *raised = view_json(hand);
    CHECK(ggp_hand_undo(hand, &error) == GGP_STATUS_OK);
    char *undone = view_json(hand);
    CHECK(strcmp(before, undone) == 0);
    CHECK(ggp_hand_redo(hand, NULL) == GGP_STATUS_OK);
    char *redone = view_json(hand);
    CHECK(strcmp(raised, redone) == 0);
    CHECK(ggp_hand_redo(hand, &error) == GGP_STATUS_RULE_VIOLATION);
    CHECK(ggp_hand_undo(hand, NULL) == GGP_STATUS_OK);
    free(before);
    free(raised);
    free(undone);
    free(redone);

    /* To showdown. */
    for (size_t i = 2; i < sizeof to_showdown / sizeof *to_showdown; i++) {
        CHECK(apply(hand, to_showdown[i], &error) == GGP_STATUS_OK);
    }
    CHECK(is_complete(hand));
    char text[512];
    size_t len = 0;
    CHECK(ggp_hand_payoffs_json(hand, text, sizeof text, &len, NULL) == GGP_STATUS_OK);
    CHECK(strcmp(text, "[\"-2\",\"2\"]") == 0 && len == strlen(text));
    CHECK(ggp_hand_next_move_json(hand, text, sizeof text, &len, NULL) == GGP_STATUS_OK);
    CHECK(strstr(text, "\"complete\"") != NULL);
    CHECK(ggp_hand_actions_json(hand, text, sizeof text, &len, NULL) == GGP_STATUS_OK);
    CHECK(strncmp(text, "[\"d dh p1 AsKs\",", 16) == 0);
    CHECK(apply(hand, "p1 cc", &error) == GGP_STATUS_RULE_VIOLATION);

    /* A buffer too small: untouched, with the length reported; then the right size. */
    char small[8] = "xxxxxxx";
    len = 0;
    CHECK(ggp_hand_public_view_json(hand, small, sizeof small, &len, &error) ==
          GGP_STATUS_BUFFER_TOO_SMALL);
    CHECK(strcmp(small, "xxxxxxx") == 0 && len > sizeof small);
    char *public_view = malloc(len + 1);
    size_t written = 0;
    CHECK(ggp_hand_public_view_json(hand, public_view, len + 1, &written, NULL) == GGP_STATUS_OK);
    CHECK(written == len && public_view[len] == '\0' && public_view[0] == '{');
    CHECK(ggp_hand_public_view_json(hand, public_view, len, &written, NULL) ==
          GGP_STATUS_BUFFER_TOO_SMALL); /* no room for the NUL */
    free(public_view);
    ggp_hand_free(hand);

    /* The public view hides hole cards the full view shows. */
    hand = heads_up();
    apply(hand, "d dh p1 AsKs", NULL);
    apply(hand, "d dh p2 7h7d", NULL);
    char *full = view_json(hand);
    CHECK(strstr(full, "\"As\"") != NULL);
    free(full);
    CHECK(ggp_hand_public_view_json(hand, NULL, 0, &len, NULL) == GGP_STATUS_BUFFER_TOO_SMALL);
    public_view = malloc(len + 1);
    CHECK(ggp_hand_public_view_json(hand, public_view, len + 1, &len, NULL) == GGP_STATUS_OK);
    CHECK(strstr(public_view, "\"As\"") == NULL && strstr(public_view, "\"7h\"") == NULL);
    free(public_view);
    ggp_hand_free(hand);

    /* Bad options. */
    ggp_hand_options options;
    memset(&options, 0, sizeof options);
    ggp_hand *untouched = (ggp_hand *)&error;
    CHECK(ggp_hand_new(&options, &untouched, &error) == GGP_STATUS_NULL_ARGUMENT);
    TEXT_FIELD(options, variant, "NT");
    TEXT_FIELD(options, starting_stacks, "200 2x");
    TEXT_FIELD(options, min_bet, "2");
    CHECK(ggp_hand_new(&options, &untouched, &error) == GGP_STATUS_INVALID_AMOUNT);
    TEXT_FIELD(options, starting_stacks, "200");
    CHECK(ggp_hand_new(&options, &untouched, &error) == GGP_STATUS_INVALID_CONFIG);
    TEXT_FIELD(options, variant, "XX");
    CHECK(ggp_hand_new(&options, &untouched, &error) == GGP_STATUS_UNKNOWN_NAME);
    CHECK(untouched == (ggp_hand *)&error);

    /* NULL pointers everywhere. */
    CHECK(ggp_hand_new(NULL, &hand, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_new(&options, NULL, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_new_phh(NULL, 3, &hand, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_new_phh(S("x"), NULL, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_apply(NULL, S("p1 cc"), NULL) == GGP_STATUS_NULL_ARGUMENT);
    hand = heads_up();
    CHECK(ggp_hand_apply(hand, NULL, 5, &error) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(strstr(error.message, "`notation`") != NULL);
    CHECK(ggp_hand_apply(hand, S("\xff"), NULL) == GGP_STATUS_INVALID_UTF8);
    CHECK(ggp_hand_undo(NULL, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_undo(hand, NULL) == GGP_STATUS_RULE_VIOLATION); /* nothing to undo */
    CHECK(ggp_hand_redo(NULL, NULL) == GGP_STATUS_NULL_ARGUMENT);
    bool complete = false;
    CHECK(ggp_hand_is_complete(NULL, &complete, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_is_complete(hand, NULL, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_view_json(NULL, text, sizeof text, &len, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_view_json(hand, text, sizeof text, NULL, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_view_json(hand, NULL, sizeof text, &len, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_public_view_json(NULL, text, sizeof text, &len, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_next_move_json(NULL, text, sizeof text, &len, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_payoffs_json(NULL, text, sizeof text, &len, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_actions_json(NULL, text, sizeof text, &len, NULL) == GGP_STATUS_NULL_ARGUMENT);
    ggp_hand_free(hand);
    ggp_hand_free(NULL);
}

static const char decimal_phh[] =
    "variant = 'NT'\n"
    "antes = [0, 0, 0, 0]\n"
    "blinds_or_straddles = [0.25, 0.50, 0, 0]\n"
    "min_bet = 0.50\n"
    "starting_stacks = [10112.5, 48.75, 100, 25.30]\n"
    "actions = ['d dh p1 AsKs', 'd dh p2 \?\?\?\?', 'd dh p3 7h6h', 'd dh p4 \?\?\?\?', 'p3 cbr 1.50',\n"
    "  'p4 f', 'p1 cbr 5.25', 'p2 f', 'p3 cc', 'd db Jc3d5c', 'p1 cbr 4', 'p3 cbr 12.50',\n"
    "  'p1 cc', 'd db 4h', 'p1 cc', 'p3 cbr 82.25', 'p1 cc', 'p1 sm AsKs', 'p3 sm 7h6h',\n"
    "  'd db Jh']\n";

static void test_rules_phh(void) {
    ggp_hand *hand = NULL;
    ggp_error error;
    CHECK(ggp_hand_new_phh(decimal_phh, strlen(decimal_phh), &hand, &error) == GGP_STATUS_OK);
    CHECK(is_complete(hand));
    char text[128];
    size_t len = 0;
    CHECK(ggp_hand_payoffs_json(hand, text, sizeof text, &len, NULL) == GGP_STATUS_OK);
    CHECK(strcmp(text, "[\"-100\",\"-0.5\",\"100.5\",\"0\"]") == 0);
    ggp_hand_free(hand);

    /* An illegal action in the file: a rule violation naming it; no hand. */
    static const char bad[] = "variant = 'NT'\nantes = [0, 0]\nblinds_or_straddles = [1, 2]\n"
                              "min_bet = 2\nstarting_stacks = [100, 100]\n"
                              "actions = ['d dh p1 AsKs', 'd dh p2 7h7d', 'p1 cc']\n";
    hand = NULL;
    CHECK(ggp_hand_new_phh(bad, strlen(bad), &hand, &error) == GGP_STATUS_RULE_VIOLATION);
    CHECK(strstr(error.message, "action 3") != NULL && hand == NULL);
    CHECK(ggp_hand_new_phh(S("variant = "), &hand, &error) == GGP_STATUS_HAND_HISTORY);
    CHECK(hand == NULL);
}

static void test_equity(void) {
    /* AhKh against QsQd on 2h 7h 9c: 990 turn-river pairs. */
    ggp_card hands[4], board[3];
    size_t count = 0;
    CHECK(ggp_cards_parse(S("Ah Kh Qs Qd"), hands, 4, &count, NULL) == GGP_STATUS_OK);
    CHECK(ggp_cards_parse(S("2h 7h 9c"), board, 3, &count, NULL) == GGP_STATUS_OK);
    size_t lens[2] = {2, 2};
    ggp_equity_input input = {S("NT"), hands, lens, 2, board, 3, NULL, 0};
    ggp_equity_options options = {GGP_EQUITY_MODE_EXACT, 0, 0, 0, 1, NULL};
    ggp_equity_player players[2];
    ggp_equity_summary summary;
    ggp_error error;
    CHECK(ggp_equity_compute(&input, &options, players, 2, &summary, &error) == GGP_STATUS_OK);
    CHECK(summary.boards == 990 && summary.exact && !summary.hi_lo);
    CHECK(players[0].win + players[0].tie + players[0].lose == 990);
    CHECK(players[0].equity + players[1].equity > 0.999 && players[0].std_error == 0.0);

    /* Seeded Monte Carlo against a random hand, stopped by a cancelled token. */
    ggp_cancel_token *token = NULL;
    CHECK(ggp_cancel_token_new(&token, NULL) == GGP_STATUS_OK && token != NULL);
    CHECK(ggp_cancel_token_cancel(token, NULL) == GGP_STATUS_OK);
    size_t one_random[2] = {2, 0};
    ggp_equity_input random = {S("NT"), hands, one_random, 2, board, 3, NULL, 0};
    ggp_equity_options within = {GGP_EQUITY_MODE_BEST_WITHIN, 0, 7, 60000, 1, token};
    CHECK(ggp_equity_compute(&random, &within, players, 2, &summary, NULL) == GGP_STATUS_OK);
    CHECK(summary.boards > 0);
    ggp_cancel_token_free(token);
    ggp_cancel_token_free(NULL);

    /* Errors: too small an output, an unknown mode, NULL input. */
    CHECK(ggp_equity_compute(&input, &options, players, 1, &summary, &error) ==
          GGP_STATUS_BUFFER_TOO_SMALL);
    ggp_equity_options bad = {42, 0, 0, 0, 1, NULL};
    CHECK(ggp_equity_compute(&input, &bad, players, 2, &summary, NULL) ==
          GGP_STATUS_INVALID_ARGUMENT);
    CHECK(ggp_equity_compute(NULL, &options, players, 2, &summary, NULL) ==
          GGP_STATUS_NULL_ARGUMENT);

    /* Outs as JSON, sized first. */
    size_t len = 0;
    CHECK(ggp_equity_outs_json(&input, 1, NULL, 0, &len, NULL) == GGP_STATUS_BUFFER_TOO_SMALL);
    char *json = malloc(len + 1);
    CHECK(json != NULL);
    if (json != NULL) {
        CHECK(ggp_equity_outs_json(&input, 1, json, len + 1, &len, NULL) == GGP_STATUS_OK);
        CHECK(strstr(json, "\"outs\"") != NULL);
        free(json);
    }
}

static void test_live_equity(void) {
    /* AhKh against QsQd from the flop: the turn's answer comes from the kept breakdown. */
    ggp_card hands[4], board[3], turn;
    size_t count = 0;
    CHECK(ggp_cards_parse(S("Ah Kh Qs Qd"), hands, 4, &count, NULL) == GGP_STATUS_OK);
    CHECK(ggp_cards_parse(S("2h 7h 9c"), board, 3, &count, NULL) == GGP_STATUS_OK);
    CHECK(ggp_card_parse(S("Th"), &turn, NULL) == GGP_STATUS_OK);
    size_t lens[2] = {2, 2};
    ggp_equity_input input = {S("NT"), hands, lens, 2, board, 3, NULL, 0};
    ggp_live_equity *live = NULL;
    CHECK(ggp_live_equity_new(&input, 1, &live, NULL) == GGP_STATUS_OK && live != NULL);
    CHECK(ggp_live_equity_deal(live, turn, 1, NULL) == GGP_STATUS_OK);
    size_t len = 0;
    CHECK(ggp_live_equity_result_json(live, NULL, 0, &len, NULL) == GGP_STATUS_BUFFER_TOO_SMALL);
    char *json = malloc(len + 1);
    CHECK(json != NULL);
    if (json != NULL) {
        CHECK(ggp_live_equity_result_json(live, json, len + 1, &len, NULL) == GGP_STATUS_OK);
        CHECK(strstr(json, "\"boards\":44") != NULL);
        CHECK(strstr(json, "\"board\":[\"2h\",\"7h\",\"9c\",\"Th\"]") != NULL);
        free(json);
    }
    /* The same card twice is an error that leaves the handle usable. */
    ggp_error error;
    CHECK(ggp_live_equity_deal(live, turn, 1, &error) != GGP_STATUS_OK);
    CHECK(ggp_live_equity_deal(NULL, turn, 1, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_live_equity_new(NULL, 1, &live, NULL) == GGP_STATUS_NULL_ARGUMENT);
    ggp_live_equity_free(live);
    ggp_live_equity_free(NULL);
}

static void test_status_names(void) {
    CHECK(strcmp(ggp_status_name(GGP_STATUS_INVALID_CARD), "GGP_STATUS_INVALID_CARD") == 0);
    CHECK(strcmp(ggp_status_name(GGP_STATUS_PANIC), "GGP_STATUS_PANIC") == 0);
    CHECK(ggp_status_name(12345) == NULL);
}

int main(void) {
    test_version();
    test_cards();
    test_evaluate();
    test_deck();
    test_rules();
    test_rules_phh();
    test_equity();
    test_live_equity();
    test_status_names();
    printf("abi_test: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
