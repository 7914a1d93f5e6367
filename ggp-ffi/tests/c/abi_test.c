/*
 * Checks the C ABI from C: results, every error path, NULL pointers, bad UTF-8, small
 * buffers and handle lifetimes. Run under valgrind by scripts/test-c; prints
 * "N passed, N failed" and exits non-zero on any failure.
 */
#include <stdio.h>
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
    test_status_names();
    printf("abi_test: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
