/*
 * Checks the renderer across the C ABI: an overlay on a CPU adapter renders a
 * heads-up hand's full and public views at 320x180, a view as JSON, key and fill, and
 * reports bad sizes, skins, JSON and NULLs. Run by scripts/test-c without valgrind
 * (a software rasteriser under valgrind takes minutes a frame); prints
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

static const char *HAND =
    "variant = \"NT\"\n"
    "antes = [0, 0]\n"
    "blinds_or_straddles = [50, 100]\n"
    "min_bet = 100\n"
    "starting_stacks = [10000, 8500]\n"
    "actions = [\"d dh p1 AhQh\", \"d dh p2 9s9d\", \"p2 cbr 250\"]\n";

static ggp_hand_overlay_options options(uint32_t width, uint32_t height) {
    ggp_hand_overlay_options o;
    memset(&o, 0, sizeof o);
    o.width = width;
    o.height = height;
    o.adapter = GGP_ADAPTER_CPU;
    o.alpha = GGP_ALPHA_MODE_STRAIGHT;
    return o;
}

static int any_visible(const ggp_frame_info *info) {
    for (size_t i = 3; i < info->data_len; i += 4) {
        if (info->data[i] != 0) return 1;
    }
    return 0;
}

int main(void) {
    ggp_error error;
    ggp_hand *hand = NULL;
    CHECK(ggp_hand_new_phh(S(HAND), &hand, &error) == GGP_STATUS_OK);

    ggp_hand_overlay_options o = options(320, 180);
    ggp_hand_overlay *overlay = NULL;
    CHECK(ggp_hand_overlay_new(&o, &overlay, &error) == GGP_STATUS_OK);
    if (overlay == NULL || hand == NULL) {
        fprintf(stderr, "no overlay: %s\n", error.message);
        return 1;
    }

    ggp_frame *full = NULL, *public_frame = NULL;
    CHECK(ggp_hand_overlay_render_hand(overlay, hand, false, &full, &error) == GGP_STATUS_OK);
    CHECK(ggp_hand_overlay_render_hand(overlay, hand, true, &public_frame, &error) ==
          GGP_STATUS_OK);
    ggp_frame_info a, b;
    CHECK(ggp_frame_get_info(full, &a, NULL) == GGP_STATUS_OK);
    CHECK(ggp_frame_get_info(public_frame, &b, NULL) == GGP_STATUS_OK);
    CHECK(a.width == 320 && a.height == 180 && a.stride == 320 * 4);
    CHECK(a.data_len == a.stride * a.height);
    CHECK(a.format == GGP_PIXEL_FORMAT_RGBA8 && a.alpha == GGP_ALPHA_MODE_STRAIGHT);
    CHECK(any_visible(&a));
    CHECK(a.data_len == b.data_len && memcmp(a.data, b.data, a.data_len) != 0);

    /* A view as JSON: the public view's JSON renders (its button is unset, so the
       frame may differ from render_hand's by the dealer button). */
    char json[16384];
    size_t json_len = 0;
    CHECK(ggp_hand_public_view_json(hand, json, sizeof json, &json_len, NULL) == GGP_STATUS_OK);
    ggp_frame *from_json = NULL;
    CHECK(ggp_hand_overlay_render_view_json(overlay, json, json_len, &from_json, &error) ==
          GGP_STATUS_OK);
    ggp_frame_info c;
    CHECK(ggp_frame_get_info(from_json, &c, NULL) == GGP_STATUS_OK && any_visible(&c));
    ggp_frame *bad = NULL;
    CHECK(ggp_hand_overlay_render_view_json(overlay, S("{\"seats\": 1}"), &bad, &error) ==
          GGP_STATUS_INVALID_VIEW);
    CHECK(bad == NULL && error.status == GGP_STATUS_INVALID_VIEW);

    /* Key and fill: both opaque, the key grey. */
    ggp_frame *key = NULL, *fill = NULL;
    CHECK(ggp_frame_key_and_fill(full, &key, &fill, NULL) == GGP_STATUS_OK);
    ggp_frame_info k, f;
    CHECK(ggp_frame_get_info(key, &k, NULL) == GGP_STATUS_OK);
    CHECK(ggp_frame_get_info(fill, &f, NULL) == GGP_STATUS_OK);
    CHECK(k.width == 320 && f.height == 180 && k.data[3] == 255 && f.data[3] == 255);
    CHECK(k.data[0] == k.data[1] && k.data[1] == k.data[2]);

    /* Errors. */
    CHECK(ggp_hand_overlay_reload_skin(overlay, S("/no/such/skin.toml"), &error) ==
          GGP_STATUS_SKIN);
    CHECK(strstr(error.message, "/no/such/skin.toml") != NULL);
    CHECK(strcmp(ggp_status_name(GGP_STATUS_SKIN), "GGP_STATUS_SKIN") == 0);
    ggp_hand_overlay_options tiny = options(0, 180);
    ggp_hand_overlay *none = NULL;
    CHECK(ggp_hand_overlay_new(&tiny, &none, &error) == GGP_STATUS_INVALID_FRAME_SIZE);
    CHECK(none == NULL);
    ggp_hand_overlay_options odd = options(320, 180);
    odd.adapter = 7;
    CHECK(ggp_hand_overlay_new(&odd, &none, NULL) == GGP_STATUS_INVALID_ARGUMENT);
    CHECK(ggp_hand_overlay_new(NULL, &none, NULL) == GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_hand_overlay_render_hand(overlay, NULL, false, &bad, NULL) ==
          GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_frame_get_info(NULL, &a, NULL) == GGP_STATUS_NULL_ARGUMENT);

    ggp_frame_free(key);
    ggp_frame_free(fill);
    ggp_frame_free(from_json);
    ggp_frame_free(full);
    ggp_frame_free(public_frame);
    ggp_frame_free(NULL);
    ggp_hand_overlay_free(overlay);
    ggp_hand_overlay_free(NULL);
    ggp_hand_free(hand);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
