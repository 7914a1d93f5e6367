"""The frame pipeline through the binding: a generated 320x180 clip to two files with the
software overlay, events and hands pushed, frames as NumPy arrays in a callback (one that
raises included), metrics, stop and wait with the GIL released, and errors."""

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import ggp

HAND = """
variant = "NT"
antes = [0, 0]
blinds_or_straddles = [50, 100]
min_bet = 100
starting_stacks = [10000, 8500]
actions = ["d dh p1 AhQh", "d dh p2 9s9d", "p2 cbr 250", "p1 cc"]
"""

EVENT = {
    "type": "card",
    "timestamp_ns": 500_000_000,
    "card": "Ah",
    "location": {"kind": "hole", "seat": 0, "slot": 0},
    "present": True,
    "source": "rfid",
    "confidence": 1.0,
}


def settings(tmp_path: Path, seconds: float, frames: str = "") -> str:
    return f"""
graphics = "basic"
[source]
kind = "test_pattern"
width = 320
height = 180
duration_s = {seconds}
tone_hz = 0
[outputs]
program = ["{tmp_path / 'program.mp4'}"]
live = ["{tmp_path / 'live.mkv'}"]
[encoder]
preset = "ultrafast"
[frames]
{frames}
"""


# The callback's exception is reported as unraisable (printed); that is the point.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_clip_runs_with_events_frames_and_metrics(tmp_path: Path) -> None:
    pipeline = ggp.Pipeline.open(settings(tmp_path, 60.0, 'live = false\npolicy = "block"'))
    seen: list[tuple[str, int, Any]] = []
    lock = threading.Lock()

    def on_frame(feed: str, pts_ns: int, pixels: Any) -> None:
        with lock:
            seen.append((feed, pts_ns, pixels))
        if len(seen) == 3:
            raise RuntimeError("an app bug: printed, and the pipeline goes on")

    pipeline.on_frame(on_frame)
    assert pipeline.push_hand(HAND, start_ns=0) > 0
    assert pipeline.push_event(EVENT) is True
    assert pipeline.push_event(json.dumps(EVENT)) is True
    for _ in range(600):
        with lock:
            if len(seen) >= 10:
                break
        time.sleep(0.05)
    metrics = pipeline.metrics()
    assert metrics["frames_in"] >= 10
    assert metrics["events"] == 2
    assert {output["protocol"] for output in metrics["outputs"]} >= {"file", "callback"}
    assert "ggp_pipeline_frames_in_total" in pipeline.prometheus()

    # wait() releases the GIL: another thread stops the pipeline while this one waits.
    stopper = threading.Timer(0.2, pipeline.stop)
    stopper.start()
    report = pipeline.wait()
    stopper.join()
    assert pipeline.finished
    assert report["rejected_actions"] == 0
    assert report["program_frames_out"] == report["frames_in"] < 1800
    assert pipeline.wait() == report

    with lock:
        assert len(seen) >= 10
        assert all(feed == "program" for feed, _, _ in seen)
        times = [pts for _, pts, _ in seen]
        assert times == sorted(set(times))
        pixels = seen[0][2]
        assert pixels.shape == (180, 320, 4)
        assert pixels.dtype.name == "uint8"
        assert (pixels[:, :, 3] == 255).all()
    assert (tmp_path / "program.mp4").stat().st_size > 1000
    assert (tmp_path / "live.mkv").stat().st_size > 1000

    with pytest.raises(ggp.PipelineFinishedError) as finished:
        pipeline.push_event(EVENT)
    assert finished.value.code == "pipeline_finished"


def test_yuv_planes_come_as_three_arrays(tmp_path: Path) -> None:
    pipeline = ggp.Pipeline.open(
        settings(tmp_path, 1.0, 'program = false\npixels = "yuv420p"\npolicy = "block"'),
        format="toml",
    )
    planes: list[Any] = []
    pipeline.on_frame(lambda feed, pts_ns, pixels: planes.append(pixels))
    pipeline.wait()
    assert planes, "the callback was set before the first frames were encoded"
    y, u, v = planes[-1]
    assert (y.shape, u.shape, v.shape) == ((180, 320), (90, 160), (90, 160))


def test_errors_have_their_own_classes(tmp_path: Path) -> None:
    with pytest.raises(ggp.PipelineSettingsError) as bad:
        ggp.Pipeline.open('[source]\nkind = "test_pattern"\n[encoder]\ncrf = "high"\n')
    assert bad.value.code == "pipeline_settings"
    assert "encoder.crf" in str(bad.value) and "line 4" in str(bad.value)
    with pytest.raises(ggp.PipelineSettingsError):
        ggp.Pipeline.open('{"source": {"kind": "camera"}}')
    with pytest.raises(ggp.PipelineSettingsError):
        ggp.Pipeline.open("", format="yaml")
    with pytest.raises(ggp.PipelineMediaError):
        ggp.Pipeline.open('[source]\nkind = "file"\npath = "/nonexistent/clip.mp4"\n')
    pipeline = ggp.Pipeline.open(settings(tmp_path, 0.5))
    with pytest.raises(ggp.PipelineInputError):
        pipeline.push_event({"type": "card"})
    with pytest.raises(ggp.PipelineInputError):
        pipeline.push_hand("not a hand")
    with pytest.raises(TypeError):
        pipeline.on_frame(42)
    assert isinstance(pipeline.wait(), dict)
    assert issubclass(ggp.PipelineMediaError, ggp.GgpError)
