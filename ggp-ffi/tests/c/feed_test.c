/*
 * Checks RFID, the card tracker and hand feeds across the C ABI: a seeded hand's
 * simulated reader lines (with forged, replayed and malformed ones mixed in) are checked
 * with the table key, turned into card events and fed with the hand's actions into a
 * fresh hand, which must end complete with the simulated hand's cards; every refused line
 * has its own status. Run under valgrind by scripts/test-c; prints "N passed, N failed"
 * and exits non-zero on any failure.
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

static const char *KEY = "000102030405060708090a0b0c0d0e0f";
static const char *READER = "r1";

/* Reads a text getter's whole output into a fresh buffer (caller frees). */
static char *read_text(ggp_status (*call)(const void *, char *, size_t, size_t *, ggp_error *),
                       const void *object) {
    size_t len = 0;
    if (call(object, NULL, 0, &len, NULL) != GGP_STATUS_BUFFER_TOO_SMALL) return NULL;
    char *text = malloc(len + 1);
    if (text == NULL) return NULL;
    if (call(object, text, len + 1, &len, NULL) != GGP_STATUS_OK) {
        free(text);
        return NULL;
    }
    return text;
}

static ggp_status table_events(const void *t, char *b, size_t n, size_t *o, ggp_error *e) {
    return ggp_rfid_table_events_json((const ggp_rfid_table *)t, b, n, o, e);
}
static ggp_status tracker_events(const void *t, char *b, size_t n, size_t *o, ggp_error *e) {
    return ggp_card_tracker_events_json((const ggp_card_tracker *)t, b, n, o, e);
}
static ggp_status feed_view(const void *f, char *b, size_t n, size_t *o, ggp_error *e) {
    return ggp_hand_feed_view_json((const ggp_hand_feed *)f, b, n, o, e);
}

/* Copies the next top-level JSON object at or after *cursor into out; 0 when none. */
static int next_object(const char **cursor, char *out, size_t cap) {
    const char *p = strchr(*cursor, '{');
    if (p == NULL) return 0;
    int depth = 0, in_string = 0;
    const char *q = p;
    for (; *q; q++) {
        if (in_string) {
            if (*q == '\\' && q[1]) q++;
            else if (*q == '"') in_string = 0;
        } else if (*q == '"') {
            in_string = 1;
        } else if (*q == '{') {
            depth++;
        } else if (*q == '}' && --depth == 0) {
            break;
        }
    }
    size_t len = (size_t)(q - p) + 1;
    if (*q == '\0' || len >= cap) return 0;
    memcpy(out, p, len);
    out[len] = '\0';
    *cursor = q + 1;
    return 1;
}

/* The string value of "key" in a flat JSON object, copied into out; 0 if absent. */
static int string_field(const char *object, const char *key, char *out, size_t cap) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *p = strstr(object, pattern);
    if (p == NULL) return 0;
    p += strlen(pattern);
    const char *end = strchr(p, '"');
    if (end == NULL || (size_t)(end - p) >= cap) return 0;
    memcpy(out, p, (size_t)(end - p));
    out[end - p] = '\0';
    return 1;
}

static void test_errors(void) {
    ggp_error error;
    ggp_rfid_verifier *verifier = NULL;
    CHECK(ggp_rfid_verifier_new(S("abc"), S(READER), 0, &verifier, &error) ==
          GGP_STATUS_RFID_INVALID_KEY);
    CHECK(verifier == NULL && strstr(error.message, "key") != NULL);
    CHECK(ggp_rfid_verifier_new(S(KEY), S("r1 r2"), 0, &verifier, &error) == GGP_STATUS_OK);

    ggp_rfid_message message;
    CHECK(ggp_rfid_verifier_check(verifier, S("hello"), 1000, &message, &error) ==
          GGP_STATUS_RFID_MALFORMED);
    /* 64 hex digits that are not the signature: forged; from an unknown reader: refused
       before the signature is checked. */
    const char *forged = "GGP1 HB r1 1 1000 "
                         "0000000000000000000000000000000000000000000000000000000000000000";
    const char *stranger = "GGP1 HB r9 1 1000 "
                           "0000000000000000000000000000000000000000000000000000000000000000";
    CHECK(ggp_rfid_verifier_check(verifier, S(forged), 1000, &message, &error) ==
          GGP_STATUS_RFID_BAD_SIGNATURE);
    CHECK(ggp_rfid_verifier_check(verifier, S(stranger), 1000, &message, &error) ==
          GGP_STATUS_RFID_UNKNOWN_READER);
    CHECK(ggp_rfid_verifier_check(NULL, S("x"), 0, &message, &error) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_rfid_verifier_check(verifier, S("\xff"), 0, &message, &error) ==
          GGP_STATUS_INVALID_UTF8);
    ggp_rfid_verifier_free(verifier);
    ggp_rfid_verifier_free(NULL);

    /* Deck registration. */
    ggp_rfid_deck *deck = NULL;
    CHECK(ggp_rfid_deck_new(S("# two\nAABB0001 As\naabb0002 Kd\n"), &deck, &error) ==
          GGP_STATUS_OK);
    ggp_card card = 0;
    bool found = false;
    CHECK(ggp_rfid_deck_card(deck, S("aabb0001"), &card, &found, NULL) == GGP_STATUS_OK);
    CHECK(found && card == 51);
    CHECK(ggp_rfid_deck_register(deck, S("AABB0003"), 0, &error) == GGP_STATUS_OK);
    CHECK(ggp_rfid_deck_register(deck, S("AABB0003"), 1, &error) == GGP_STATUS_RFID_DECK);
    CHECK(strstr(error.message, "AABB0003") != NULL);
    CHECK(ggp_rfid_deck_register(deck, S("xyz"), 1, &error) == GGP_STATUS_INVALID_ARGUMENT);
    CHECK(ggp_rfid_deck_card(deck, S("CCDD0001"), &card, &found, NULL) == GGP_STATUS_OK && !found);
    size_t len = 0;
    CHECK(ggp_rfid_deck_to_text(deck, NULL, 0, &len, NULL) == GGP_STATUS_BUFFER_TOO_SMALL);
    char *text = malloc(len + 1);
    CHECK(text != NULL && ggp_rfid_deck_to_text(deck, text, len + 1, &len, NULL) == GGP_STATUS_OK);
    CHECK(text != NULL && strstr(text, "AABB0003 2c") != NULL);
    free(text);

    ggp_rfid_table *table = NULL;
    CHECK(ggp_rfid_table_new(deck, S("r1 1 player 1 hole card 1\nr1 bad\n"), &table, &error) ==
          GGP_STATUS_RFID_DECK);
    CHECK(strstr(error.message, "line 2") != NULL);
    CHECK(ggp_rfid_table_new(deck, S("r1 1 player 1 hole card 1\n"), &table, &error) ==
          GGP_STATUS_OK);
    ggp_rfid_table_free(table);
    ggp_rfid_deck_free(deck);
    CHECK(ggp_rfid_deck_new(S("AABB0001 Zz\n"), &deck, &error) == GGP_STATUS_RFID_DECK);
    ggp_rfid_deck_free(NULL);
}

static void test_tracker(void) {
    ggp_error error;
    ggp_card_tracker_options options = {.stable_frames = 2, .absent_frames = 2};
    ggp_card_tracker *tracker = NULL;
    CHECK(ggp_card_tracker_new(&options, &tracker, &error) == GGP_STATUS_OK);
    const char *seen = "[{\"card\":\"As\",\"box\":[0,0,10,14],\"confidence\":0.95,\"zone\":\"board\"}]";
    size_t count = 99;
    CHECK(ggp_card_tracker_update_json(tracker, 0, S(seen), NULL, &count, &error) == GGP_STATUS_OK);
    CHECK(count == 0);
    CHECK(ggp_card_tracker_update_json(tracker, 33000000, S(seen), NULL, &count, &error) ==
          GGP_STATUS_OK);
    CHECK(count == 1);
    char *events = read_text(tracker_events, tracker);
    CHECK(events != NULL && strstr(events, "\"type\":\"card\"") != NULL);
    CHECK(events != NULL && strstr(events, "\"card\":\"As\"") != NULL);
    CHECK(events != NULL && strstr(events, "\"source\":\"vision\"") != NULL);
    CHECK(events != NULL && strstr(events, "\"timestamp_ns\":0") != NULL);

    /* The tracker's card event is what a hand feed takes. */
    ggp_hand_feed *feed = NULL;
    const char *phh = "variant = \"NT\"\nantes = [0, 0]\nblinds_or_straddles = [1, 2]\n"
                      "min_bet = 2\nstarting_stacks = [100, 100]\nactions = []\n";
    CHECK(ggp_hand_feed_new_phh(S(phh), &feed, &error) == GGP_STATUS_OK);
    char object[512];
    const char *cursor = events ? events : "";
    CHECK(next_object(&cursor, object, sizeof object));
    ggp_feed_outcome outcome = GGP_FEED_OUTCOME_OTHER;
    CHECK(ggp_hand_feed_apply_card_json(feed, S(object), &outcome, &error) == GGP_STATUS_OK);
    CHECK(outcome == GGP_FEED_OUTCOME_WAITING); /* the board waits for the hole cards */
    free(events);
    CHECK(ggp_hand_feed_apply_card_json(feed, S("{\"card\":1}"), &outcome, &error) ==
          GGP_STATUS_INVALID_ARGUMENT);
    ggp_hand_feed_free(feed);

    const char *twice = "[{\"card\":\"Kd\",\"box\":[0,0,10,14],\"confidence\":0.9,\"zone\":\"seat0\"},"
                        "{\"card\":\"Kd\",\"box\":[50,0,10,14],\"confidence\":0.9,\"zone\":\"seat1\"}]";
    CHECK(ggp_card_tracker_update_json(tracker, 66000000, S(twice), NULL, &count, &error) ==
          GGP_STATUS_OK);
    events = read_text(tracker_events, tracker);
    CHECK(events != NULL && strstr(events, "\"type\":\"duplicate\"") != NULL);
    free(events);
    CHECK(ggp_card_tracker_update_json(tracker, 1, S("[]"), NULL, &count, &error) ==
          GGP_STATUS_FRAME_OUT_OF_ORDER);
    CHECK(ggp_card_tracker_update_json(tracker, 99000000, S("[{\"card\":\"Zz\"}]"), NULL, &count,
                                       &error) == GGP_STATUS_INVALID_CARD);
    CHECK(ggp_card_tracker_update_json(tracker, 99000000, S("{}"), NULL, &count, &error) ==
          GGP_STATUS_INVALID_ARGUMENT);
    ggp_card_tracker_free(tracker);
    ggp_card_tracker_free(NULL);
}

/* A seeded three-handed hand over the simulated reader, with bad lines mixed in. */
static void test_simulated_hand(void) {
    ggp_error error;
    ggp_rfid_sim_options sim = {
        .key_hex = KEY, .key_hex_len = strlen(KEY), .reader = READER,
        .reader_len = strlen(READER), .players = 3, .seed = 7, .start_ms = 1000000,
        .step_ms = 10, .inject_every = 4,
    };
    size_t len = 0;
    CHECK(ggp_rfid_simulate_json(&sim, NULL, 0, &len, &error) == GGP_STATUS_BUFFER_TOO_SMALL);
    char *steps_json = malloc(len + 1);
    if (steps_json == NULL) return;
    CHECK(ggp_rfid_simulate_json(&sim, steps_json, len + 1, &len, &error) == GGP_STATUS_OK);

    ggp_rfid_verifier *verifier = NULL;
    ggp_rfid_table *table = NULL;
    ggp_hand *start = NULL;
    ggp_hand_feed *feed = NULL;
    /* A window wide enough for the simulated clock. */
    CHECK(ggp_rfid_verifier_new(S(KEY), S(READER), 1000000000, &verifier, &error) == GGP_STATUS_OK);
    CHECK(ggp_rfid_table_new_simulated(S(READER), 3, &table, &error) == GGP_STATUS_OK);
    ggp_hand_options o;
    memset(&o, 0, sizeof o);
    o.variant = "NT", o.variant_len = 2;
    o.starting_stacks = "500 500 500", o.starting_stacks_len = 11;
    o.blinds_or_straddles = "5 10", o.blinds_or_straddles_len = 4;
    o.min_bet = "10", o.min_bet_len = 2;
    CHECK(ggp_hand_new(&o, &start, &error) == GGP_STATUS_OK);
    CHECK(ggp_hand_feed_new(start, &feed, &error) == GGP_STATUS_OK);
    ggp_hand_free(start);

    int genuine = 0, injected = 0, refused = 0, cards = 0, actions = 0, problems = 0;
    const char *steps = strstr(steps_json, "\"steps\":");
    char step[512], value[256];
    while (steps != NULL && next_object(&steps, step, sizeof step)) {
        if (string_field(step, "action", value, sizeof value)) {
            actions++;
            problems += ggp_hand_feed_apply_action(feed, S(value), 0, NULL, &error) != GGP_STATUS_OK;
            continue;
        }
        if (!string_field(step, "line", value, sizeof value)) continue;
        size_t count = 0;
        ggp_status status = ggp_rfid_table_handle_line(table, verifier, S(value), 1000000, &count,
                                                       &error);
        if (strstr(step, "\"genuine\":false") != NULL) {
            injected++;
            refused += status == GGP_STATUS_RFID_BAD_SIGNATURE || status == GGP_STATUS_RFID_REPLAY ||
                       status == GGP_STATUS_RFID_MALFORMED;
            continue;
        }
        genuine++;
        problems += status != GGP_STATUS_OK;
        if (count == 0) continue;
        char *events = read_text(table_events, table);
        const char *cursor = events ? events : "";
        char object[512];
        while (next_object(&cursor, object, sizeof object)) {
            if (strstr(object, "\"type\":\"card\"") == NULL) {
                problems++;
                continue;
            }
            cards++;
            ggp_feed_outcome outcome;
            problems += ggp_hand_feed_apply_card_json(feed, S(object), &outcome, &error) !=
                        GGP_STATUS_OK;
        }
        free(events);
    }
    CHECK(genuine > 10 && actions > 3 && cards > 10);
    CHECK(injected > 0 && refused == injected);
    CHECK(problems == 0);

    ggp_hand *fed = NULL;
    CHECK(ggp_hand_feed_hand(feed, &fed, &error) == GGP_STATUS_OK);
    bool complete = false;
    CHECK(ggp_hand_is_complete(fed, &complete, NULL) == GGP_STATUS_OK && complete);
    ggp_hand_free(fed);
    char *view = read_text(feed_view, feed);
    CHECK(view != NULL && strstr(view, "schema_version") != NULL);
    free(view);

    ggp_feed_outcome outcome;
    ggp_card_event bad = {.timestamp_ns = 0, .card = 51, .location = "nowhere", .location_len = 7,
                          .present = true, .source = GGP_CARD_SOURCE_RFID, .confidence = 1.0f};
    CHECK(ggp_hand_feed_apply_card(feed, &bad, &outcome, &error) == GGP_STATUS_UNKNOWN_NAME);
    bad.location = "board 1 card 1", bad.location_len = 14, bad.source = 9;
    CHECK(ggp_hand_feed_apply_card(feed, &bad, &outcome, &error) == GGP_STATUS_INVALID_ARGUMENT);
    CHECK(ggp_hand_feed_apply_action(feed, S("p1 cbr 100"), 0, NULL, &error) == GGP_STATUS_FEED);
    CHECK(strncmp(error.message, "rules:", 6) == 0);

    ggp_hand_feed_free(feed);
    ggp_hand_feed_free(NULL);
    ggp_rfid_table_free(table);
    ggp_rfid_verifier_free(verifier);
    free(steps_json);
}

static void test_feed_conflicts(void) {
    ggp_error error;
    ggp_hand_feed *feed = NULL;
    const char *phh = "variant = \"NT\"\nantes = [0, 0]\nblinds_or_straddles = [1, 2]\n"
                      "min_bet = 2\nstarting_stacks = [100, 100]\nactions = []\n";
    CHECK(ggp_hand_feed_new_phh(S("not phh"), &feed, &error) == GGP_STATUS_HAND_HISTORY);
    CHECK(ggp_hand_feed_new_phh(S(phh), &feed, &error) == GGP_STATUS_OK);
    ggp_card_event event = {.timestamp_ns = 5, .card = 51, .location = "player 2 hole card",
                            .location_len = 18, .present = true,
                            .source = GGP_CARD_SOURCE_OPERATOR, .confidence = 1.0f};
    ggp_feed_outcome outcome = GGP_FEED_OUTCOME_OTHER;
    CHECK(ggp_hand_feed_apply_card(feed, &event, &outcome, &error) == GGP_STATUS_OK);
    CHECK(outcome == GGP_FEED_OUTCOME_WAITING);
    event.location = "player 1 hole card", event.location_len = 18;
    CHECK(ggp_hand_feed_apply_card(feed, &event, &outcome, &error) == GGP_STATUS_FEED);
    CHECK(strncmp(error.message, "card_conflict:", 14) == 0);
    event.card = 50;
    CHECK(ggp_hand_feed_apply_card(feed, &event, &outcome, &error) == GGP_STATUS_OK);
    CHECK(outcome == GGP_FEED_OUTCOME_DEALT);
    size_t len = 0;
    CHECK(ggp_hand_feed_waiting_json(feed, NULL, 0, &len, NULL) == GGP_STATUS_BUFFER_TOO_SMALL);
    ggp_hand_feed_free(feed);
}

int main(void) {
    test_errors();
    test_tracker();
    test_simulated_hand();
    test_feed_conflicts();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
