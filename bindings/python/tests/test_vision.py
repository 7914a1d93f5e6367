"""Card recognition through the binding: the detector over NumPy frames (structure and
errors only: the shipped models are still being trained, so what they find is not
asserted), a missing ONNX Runtime, and the tracker's events."""

import os
import subprocess
import sys

import numpy as np
import pytest

import ggp
from ggp import CardDetector, CardTracker, Detection, VisionError, VisionRuntimeError


@pytest.fixture(scope="module")
def detector() -> CardDetector:
    return CardDetector(threads=2)


def felt(height: int = 360, width: int = 640, channels: int = 3) -> np.ndarray:
    frame = np.zeros((height, width, channels), dtype=np.uint8)
    frame[..., 1] = 110
    frame[120:204, 200:260, :3] = 250  # a white card-sized rectangle
    return frame


def test_a_missing_runtime_is_a_clear_error() -> None:
    # ONNX Runtime loads once per process: try a wrong path in a fresh interpreter.
    script = (
        "import ggp\n"
        "try:\n"
        "    ggp.CardDetector()\n"
        "except ggp.VisionRuntimeError as e:\n"
        "    print(e.code, isinstance(e, ggp.VisionError), 'ONNX Runtime' in str(e))\n"
    )
    env = dict(os.environ, ORT_DYLIB_PATH="/nonexistent/libonnxruntime.so.1.31.1")
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["vision_runtime", "True", "True"]


def test_detect_runs_on_every_layout_and_returns_detections(detector: CardDetector) -> None:
    rgb = felt()
    rgba = felt(channels=4)
    padded = np.zeros((360, 700, 3), dtype=np.uint8)[:, :640]  # rows with padding
    strided = felt(width=1280)[:, ::2]  # not packed: copied by NumPy
    for frame, bgra in [(rgb, False), (rgba, False), (rgba, True), (padded, False), (strided, False)]:
        found = detector.detect(frame, bgra=bgra)
        assert isinstance(found, list)
        for detection in found:
            assert isinstance(detection, Detection)
            assert isinstance(detection.card, ggp.Card)
            assert len(detection.box_xywh) == 4
            assert 0.0 <= detection.confidence <= 1.0
            assert detection.zone is None


def test_zones_name_their_detections_and_are_checked(detector: CardDetector) -> None:
    zoned = CardDetector(zones=[("board", (0, 0, 320, 180)), ("seat0", (320, 180, 320, 180))])
    for detection in zoned.detect(felt()):
        assert detection.zone in ("board", "seat0")
    zoned.set_zones([("board", (1000, 1000, 10, 10))])
    with pytest.raises(VisionError) as caught:
        zoned.detect(felt())
    assert caught.value.code == "invalid_zone"
    assert "board" in str(caught.value)


def test_bad_frames_are_refused(detector: CardDetector) -> None:
    with pytest.raises(TypeError):
        detector.detect(felt().astype(np.float32))
    with pytest.raises(ValueError):
        detector.detect(np.zeros((10, 10), dtype=np.uint8))
    with pytest.raises(ValueError):
        detector.detect(felt(), bgra=True)  # BGRA needs four channels
    with pytest.raises(TypeError):
        detector.detect(b"not an array")  # type: ignore[arg-type]
    with pytest.raises(VisionError) as caught:
        detector.detect(np.zeros((0, 10, 3), dtype=np.uint8))
    assert caught.value.code == "invalid_frame"


def test_model_files_that_are_not_there() -> None:
    with pytest.raises(ValueError):
        CardDetector(detector_model="/nonexistent/detector.onnx")
    with pytest.raises(VisionError) as caught:
        CardDetector(
            detector_model="/nonexistent/detector.onnx",
            classifier_model="/nonexistent/classifier.onnx",
        )
    assert caught.value.code == "vision_model"


def test_the_tracker_reports_stable_cards_duplicates_and_order() -> None:
    tracker = CardTracker(stable_frames=2, absent_frames=2)
    seen = [Detection("As", (0.0, 0.0, 10.0, 14.0), 0.95, "board")]
    assert tracker.update(0, seen) == []
    events = tracker.update(33_000_000, seen)
    assert len(events) == 1
    event = events[0]
    assert (event["type"], event["card"], event["present"], event["timestamp_ns"]) == (
        "card",
        "As",
        True,
        0,
    )
    assert event["location"]["kind"] == "board" and event["source"] == "vision"
    twice = [
        Detection("Kd", (0.0, 0.0, 10.0, 14.0), 0.9, "seat0"),
        Detection("Kd", (50.0, 0.0, 10.0, 14.0), 0.9, "seat1"),
    ]
    events = tracker.update(66_000_000, twice)
    assert [e["type"] for e in events] == ["duplicate"]
    assert events[0]["zones"] == ["seat0", "seat1"]
    with pytest.raises(VisionError) as caught:
        tracker.update(1, [])
    assert caught.value.code == "frame_out_of_order"


def test_the_tracker_reports_a_conflict_with_the_hand() -> None:
    hand = ggp.Hand(variant="NT", starting_stacks=[100, 100], blinds_or_straddles=[1, 2], min_bet=2)
    hand.apply("d dh p1 AsKs")
    tracker = CardTracker(stable_frames=1)
    events = tracker.update(0, [Detection("As", (0.0, 0.0, 9.0, 12.0), 0.99, "board")], hand)
    assert [e["type"] for e in events] == ["conflict"]
    assert events[0]["held"]["kind"] == "hole"
