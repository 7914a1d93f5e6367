/*
 * Checks the card detector across the C ABI: a missing ONNX Runtime is a clear status,
 * the shipped models load, detection on frames of each pixel format runs and returns a
 * list (what the models find is not asserted: they are still being trained), zones,
 * bad frames, bad zones and bad model paths. Needs ONNX Runtime (scripts/test-c installs
 * it into .venv). Run by scripts/test-c without valgrind (ONNX Runtime's thread pools and
 * allocator caches read as leaks there); prints "N passed, N failed" and exits non-zero
 * on any failure.
 */
#define _POSIX_C_SOURCE 200809L /* setenv, strdup */
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

/* A felt-green frame with one white card-sized rectangle, in the given layout. */
static unsigned char *make_frame(uint32_t width, uint32_t height, size_t bpp, size_t stride) {
    unsigned char *data = calloc(stride * height, 1);
    if (data == NULL) return NULL;
    for (uint32_t y = 0; y < height; y++) {
        for (uint32_t x = 0; x < width; x++) {
            unsigned char *px = data + y * stride + x * bpp;
            int card = x > width / 3 && x < width / 3 + 60 && y > height / 3 && y < height / 3 + 84;
            px[0] = card ? 250 : 20;
            px[1] = card ? 250 : 110;
            px[2] = card ? 250 : 50;
            if (bpp == 4) px[3] = 255;
        }
    }
    return data;
}

static void test_missing_runtime(void) {
    /* An explicit path is used as given: a wrong one is a status, never a crash. */
    const char *saved = getenv("ORT_DYLIB_PATH");
    char *copy = saved ? strdup(saved) : NULL;
    setenv("ORT_DYLIB_PATH", "/nonexistent/libonnxruntime.so.1.31.1", 1);
    ggp_error error;
    ggp_card_detector *detector = NULL;
    CHECK(ggp_card_detector_new(NULL, &detector, &error) == GGP_STATUS_VISION_RUNTIME);
    CHECK(detector == NULL);
    CHECK(strstr(error.message, "ONNX Runtime") != NULL);
    if (copy) {
        setenv("ORT_DYLIB_PATH", copy, 1);
        free(copy);
    } else {
        unsetenv("ORT_DYLIB_PATH");
    }
}

static void test_detect(void) {
    ggp_error error;
    ggp_card_detector_options options;
    memset(&options, 0, sizeof options);
    options.threads = 2;
    ggp_card_detector *detector = NULL;
    if (ggp_card_detector_new(&options, &detector, &error) != GGP_STATUS_OK) {
        fprintf(stderr, "no detector: %s\n", error.message);
        failed++;
        return;
    }
    const uint32_t width = 640, height = 360;
    ggp_detection found[64];
    size_t count = 999;
    const uint32_t formats[3] = {GGP_FRAME_VIEW_FORMAT_RGBA8, GGP_FRAME_VIEW_FORMAT_BGRA8,
                                 GGP_FRAME_VIEW_FORMAT_RGB8};
    for (int i = 0; i < 3; i++) {
        size_t bpp = formats[i] == GGP_FRAME_VIEW_FORMAT_RGB8 ? 3 : 4;
        size_t stride = width * bpp + 16; /* padded rows */
        unsigned char *data = make_frame(width, height, bpp, stride);
        ggp_frame_view frame = {data, stride * height, width, height, stride, formats[i]};
        count = 999;
        CHECK(ggp_card_detector_detect(detector, &frame, found, 64, &count, &error) ==
              GGP_STATUS_OK);
        CHECK(count <= 64);
        for (size_t k = 0; k < count && k < 64; k++) {
            CHECK(found[k].card < 52 && found[k].zone_index == -1);
            CHECK(found[k].confidence >= 0.0f && found[k].confidence <= 1.0f);
        }
        free(data);
    }

    size_t len = 0;
    CHECK(ggp_card_detector_last_json(detector, NULL, 0, &len, NULL) == GGP_STATUS_BUFFER_TOO_SMALL);
    char *json = malloc(len + 1);
    CHECK(json != NULL &&
          ggp_card_detector_last_json(detector, json, len + 1, &len, NULL) == GGP_STATUS_OK);
    CHECK(json != NULL && json[0] == '[' && json[len - 1] == ']');
    free(json);
    size_t again = 999;
    CHECK(ggp_card_detector_last(detector, found, 64, &again, NULL) == GGP_STATUS_OK);
    CHECK(again == count);

    /* The detector's detections go straight into a tracker. */
    ggp_card_tracker *tracker = NULL;
    CHECK(ggp_card_tracker_new(NULL, &tracker, NULL) == GGP_STATUS_OK);
    size_t events = 99;
    CHECK(ggp_card_tracker_update_from_detector(tracker, 0, detector, NULL, &events, &error) ==
          GGP_STATUS_OK);
    CHECK(events == 0); /* nothing is stable after one frame */
    ggp_card_tracker_free(tracker);

    /* Zones: every detection names its zone; a zone outside the frame is an error. */
    unsigned char *data = make_frame(width, height, 4, width * 4);
    ggp_frame_view frame = {data, width * 4 * height, width, height, width * 4,
                            GGP_FRAME_VIEW_FORMAT_RGBA8};
    ggp_zone zones[2] = {{S("board"), 0, 0, 320, 180}, {S("seat0"), 320, 180, 320, 180}};
    CHECK(ggp_card_detector_set_zones(detector, zones, 2, &error) == GGP_STATUS_OK);
    CHECK(ggp_card_detector_detect(detector, &frame, found, 64, &count, &error) == GGP_STATUS_OK);
    for (size_t k = 0; k < count && k < 64; k++) {
        CHECK(found[k].zone_index == 0 || found[k].zone_index == 1);
    }
    ggp_zone outside = {S("board"), 1000, 1000, 10, 10};
    CHECK(ggp_card_detector_set_zones(detector, &outside, 1, &error) == GGP_STATUS_OK);
    CHECK(ggp_card_detector_detect(detector, &frame, found, 64, &count, &error) ==
          GGP_STATUS_INVALID_ZONE);
    CHECK(strstr(error.message, "board") != NULL);
    CHECK(ggp_card_detector_set_zones(detector, NULL, 0, &error) == GGP_STATUS_OK);

    /* Bad frames. */
    ggp_frame_view short_frame = frame;
    short_frame.data_len = 100;
    CHECK(ggp_card_detector_detect(detector, &short_frame, found, 64, &count, &error) ==
          GGP_STATUS_INVALID_FRAME);
    ggp_frame_view bad_format = frame;
    bad_format.format = 7;
    CHECK(ggp_card_detector_detect(detector, &bad_format, found, 64, &count, &error) ==
          GGP_STATUS_INVALID_ARGUMENT);
    ggp_frame_view narrow = frame;
    narrow.stride = 8;
    CHECK(ggp_card_detector_detect(detector, &narrow, found, 64, &count, &error) ==
          GGP_STATUS_INVALID_FRAME);
    CHECK(ggp_card_detector_detect(detector, NULL, found, 64, &count, &error) ==
          GGP_STATUS_NULL_ARGUMENT);
    CHECK(ggp_card_detector_detect(NULL, &frame, found, 64, &count, &error) ==
          GGP_STATUS_NULL_ARGUMENT);
    free(data);
    ggp_card_detector_free(detector);
    ggp_card_detector_free(NULL);

    /* Model files that are not there, or only one of the two. */
    options.detector_model_path = "/nonexistent/detector.onnx";
    options.detector_model_path_len = strlen(options.detector_model_path);
    CHECK(ggp_card_detector_new(&options, &detector, &error) == GGP_STATUS_INVALID_ARGUMENT);
    options.classifier_model_path = "/nonexistent/classifier.onnx";
    options.classifier_model_path_len = strlen(options.classifier_model_path);
    CHECK(ggp_card_detector_new(&options, &detector, &error) == GGP_STATUS_VISION_MODEL);
    CHECK(strstr(error.message, "/nonexistent/detector.onnx") != NULL);
}

int main(void) {
    test_missing_runtime();
    test_detect();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
