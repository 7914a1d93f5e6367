/*
 * Checks the frame pipeline across the C ABI: settings errors name their field, a
 * generated 320x180 clip runs to two files with the software overlay, a hand and an
 * event are pushed, raw frames reach a C callback in order, metrics read as JSON and
 * Prometheus text, and the pipeline stops cleanly. Run by scripts/test-c without valgrind
 * (FFmpeg's encoders under valgrind take minutes); the output directory is argv[1]
 * (default /tmp). Prints "N passed, N failed" and exits non-zero on any failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    "actions = [\"d dh p1 AhQh\", \"d dh p2 9s9d\", \"p2 cbr 250\", \"p1 cc\"]\n";

static const char *EVENT =
    "{\"type\":\"card\",\"timestamp_ns\":500000000,\"card\":\"Ah\","
    "\"location\":{\"kind\":\"hole\",\"seat\":0,\"slot\":0},\"present\":true,"
    "\"source\":\"rfid\",\"confidence\":1.0}";

/* What the callback saw; written on the pipeline's frame thread. */
struct seen {
    atomic_int frames;
    atomic_int bad;
    int64_t last_pts[2];
};

static void on_frame(const ggp_video_frame *frame, void *user_data) {
    struct seen *seen = user_data;
    int feed = frame->feed == GGP_FEED_PROGRAM ? 1 : 0;
    if (frame->width != 320 || frame->height != 180 || frame->plane_count != 1 ||
        frame->format != GGP_VIDEO_FORMAT_RGBA8 || frame->stride[0] < 320 * 4 ||
        frame->data_len[0] < (size_t)frame->stride[0] * 179 + 320 * 4 ||
        frame->data[0][3] != 255 || frame->pts_ns <= seen->last_pts[feed]) {
        atomic_fetch_add(&seen->bad, 1);
    }
    seen->last_pts[feed] = frame->pts_ns;
    atomic_fetch_add(&seen->frames, 1);
}

static void sleep_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static long file_size(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) return -1;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fclose(file);
    return size;
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    char program[512], live[512], config[2048];
    snprintf(program, sizeof program, "%s/ggp_c_pipeline_program.mp4", dir);
    snprintf(live, sizeof live, "%s/ggp_c_pipeline_live.mkv", dir);
    snprintf(config, sizeof config,
             "graphics = \"basic\"\n"
             "[source]\nkind = \"test_pattern\"\nwidth = 320\nheight = 180\n"
             "duration_s = 60.0\n"
             "[outputs]\nprogram = [\"%s\"]\nlive = [\"%s\"]\n"
             "[encoder]\npreset = \"ultrafast\"\n"
             "[frames]\nlive = false\npolicy = \"block\"\n",
             program, live);

    ggp_error error;
    ggp_pipeline *pipeline = NULL;

    /* Bad settings: the field and line are named; nothing is returned. */
    const char *bad = "[source]\nkind = \"test_pattern\"\n[encoder]\ncrf = \"high\"\n";
    CHECK(ggp_pipeline_open(S(bad), GGP_SETTINGS_FORMAT_TOML, &pipeline, &error) ==
          GGP_STATUS_PIPELINE_SETTINGS);
    CHECK(strstr(error.message, "encoder.crf") != NULL);
    CHECK(strstr(error.message, "line 4") != NULL);
    CHECK(pipeline == NULL);
    CHECK(ggp_pipeline_open(S("{\"source\": 1}"), GGP_SETTINGS_FORMAT_JSON, &pipeline,
                            &error) == GGP_STATUS_PIPELINE_SETTINGS);
    CHECK(ggp_pipeline_open(S(config), 7, &pipeline, &error) == GGP_STATUS_INVALID_ARGUMENT);
    CHECK(ggp_pipeline_open(NULL, 3, GGP_SETTINGS_FORMAT_TOML, &pipeline, &error) ==
          GGP_STATUS_NULL_ARGUMENT);
    const char *missing =
        "[source]\nkind = \"file\"\npath = \"/nonexistent/clip.mp4\"\n";
    CHECK(ggp_pipeline_open(S(missing), GGP_SETTINGS_FORMAT_TOML, &pipeline, &error) ==
          GGP_STATUS_PIPELINE_MEDIA);
    CHECK(strstr(error.message, "/nonexistent/clip.mp4") != NULL);

    /* A real run. */
    CHECK(ggp_pipeline_open(S(config), GGP_SETTINGS_FORMAT_TOML, &pipeline, &error) ==
          GGP_STATUS_OK);
    if (!pipeline) {
        fprintf(stderr, "open failed: %s\n", error.message);
        return 1;
    }
    struct seen seen;
    memset(&seen, 0, sizeof seen);
    seen.last_pts[0] = seen.last_pts[1] = -1;
    CHECK(ggp_pipeline_set_frame_callback(pipeline, on_frame, &seen, &error) == GGP_STATUS_OK);
    CHECK(ggp_pipeline_set_frame_callback(pipeline, NULL, NULL, &error) ==
          GGP_STATUS_NULL_ARGUMENT);

    int64_t end_ns = 0;
    CHECK(ggp_pipeline_push_hand_phh(pipeline, S(HAND), 0, &end_ns, &error) == GGP_STATUS_OK);
    CHECK(end_ns > 0);
    CHECK(ggp_pipeline_push_hand_phh(pipeline, S("not a hand"), -1, NULL, &error) ==
          GGP_STATUS_PIPELINE_INPUT);
    bool in_hand = false;
    CHECK(ggp_pipeline_push_event_json(pipeline, S(EVENT), &in_hand, &error) == GGP_STATUS_OK);
    CHECK(in_hand);
    CHECK(ggp_pipeline_push_event_json(pipeline, S("{\"type\":\"card\"}"), NULL, &error) ==
          GGP_STATUS_PIPELINE_INPUT);

    for (int i = 0; i < 600 && atomic_load(&seen.frames) < 10; i++) sleep_ms(50);
    CHECK(atomic_load(&seen.frames) >= 10);

    size_t len = 0;
    CHECK(ggp_pipeline_metrics_json(pipeline, NULL, 0, &len, &error) ==
          GGP_STATUS_BUFFER_TOO_SMALL);
    CHECK(len > 0);
    char *json = malloc(len + 64);
    CHECK(ggp_pipeline_metrics_json(pipeline, json, len + 64, &len, &error) == GGP_STATUS_OK);
    CHECK(strstr(json, "\"frames_in\"") != NULL);
    CHECK(strstr(json, "\"outputs\"") != NULL);
    CHECK(strstr(json, "\"events\":1") != NULL);
    free(json);
    char text[16384];
    CHECK(ggp_pipeline_metrics_prometheus(pipeline, text, sizeof text, &len, &error) ==
          GGP_STATUS_OK);
    CHECK(strstr(text, "ggp_pipeline_frames_in_total") != NULL);

    CHECK(ggp_pipeline_stop(pipeline, &error) == GGP_STATUS_OK);
    char report[16384];
    CHECK(ggp_pipeline_wait(pipeline, report, sizeof report, &len, &error) == GGP_STATUS_OK);
    CHECK(strstr(report, "\"program_frames_out\"") != NULL);
    CHECK(strstr(report, "\"rejected_actions\":0") != NULL);
    CHECK(atomic_load(&seen.bad) == 0);
    CHECK(ggp_pipeline_wait(pipeline, report, sizeof report, &len, &error) == GGP_STATUS_OK);
    CHECK(ggp_pipeline_push_event_json(pipeline, S(EVENT), NULL, &error) ==
          GGP_STATUS_PIPELINE_FINISHED);
    CHECK(file_size(program) > 1000);
    CHECK(file_size(live) > 1000);
    ggp_pipeline_free(pipeline);
    ggp_pipeline_free(NULL);
    remove(program);
    remove(live);

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
