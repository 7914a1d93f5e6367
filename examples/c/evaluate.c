/*
 * Evaluates two high hands through the C API and prints one JSON line per hand,
 * the same bytes as the Rust, Python, Node and Kotlin versions of this example.
 *
 * Build (after `cargo build --release -p ggp-ffi`), for example:
 *   cc -std=c11 -Iinclude examples/c/evaluate.c -Ltarget/release -lggp -o evaluate
 */
#include <stdio.h>
#include <string.h>

#include "ggp.h"

/* Prints a JSON string literal; the texts here are ASCII but quotes and backslashes
 * are still escaped so the output stays valid JSON for any input. */
static void print_json_string(const char *text) {
    putchar('"');
    for (const char *c = text; *c; c++) {
        if (*c == '"' || *c == '\\') putchar('\\');
        putchar(*c);
    }
    putchar('"');
}

static int evaluate(const char *hand) {
    ggp_error error;
    ggp_card cards[7];
    size_t count = 0;
    ggp_hand_value value;
    if (ggp_cards_parse(hand, strlen(hand), cards, 7, &count, &error) != GGP_STATUS_OK ||
        ggp_hand_evaluate(cards, count, &value, &error) != GGP_STATUS_OK) {
        fprintf(stderr, "evaluate %s: %s\n", hand, error.message);
        return 1;
    }

    printf("{\"hand\":");
    print_json_string(hand);
    printf(",\"category\":");
    print_json_string(ggp_hand_category_name(value.category));
    printf(",\"strength\":%u,\"best_five\":[", (unsigned)value.strength);
    for (int i = 0; i < 5; i++) {
        char text[3];
        ggp_card_format(value.best_five[i], text, sizeof text, NULL, NULL);
        if (i > 0) putchar(',');
        print_json_string(text);
    }
    printf("],\"description\":");
    print_json_string(value.description);
    printf("}\n");
    return 0;
}

int main(void) {
    const char *hands[] = {"As Ks Qs Js Ts 2c 3d", "7h 7d 7c 2s 2h"};
    int failures = 0;
    for (size_t i = 0; i < sizeof hands / sizeof hands[0]; i++) failures += evaluate(hands[i]);
    return failures == 0 ? 0 : 1;
}
