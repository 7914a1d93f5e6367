#!/usr/bin/env python3
"""End-to-end validation of the shipped pipeline (Rust runtime, both models) on scenes that
generate.py wrote with --samples (scene-NNNN.jpg + scene-NNNN.json), normally from the deck
held out of training.

Runs the `detect` example with --json over every scene and compares with the truth:
* a card is *recognizable* when at least one of its corner indices is at least 70% visible
  and at least 12 px tall; recall = recognizable cards reported with the right identity;
* a card whose indices are partly visible (30-70%) may be reported or not: not counted;
* a *false detection* is a reported card that is not in the scene (or only fully hidden);
  false-detection rate = false detections / all detections;
* a card reported twice in one scene counts once more as a duplicate detection.

Usage: python evaluate.py --detect target/release/examples/detect --scenes DATA/e2e [--json OUT]
"""

import argparse
import collections
import json
import subprocess
import sys
from pathlib import Path

RANKS = ["2", "3", "4", "5", "6", "7", "8", "9", "T", "J", "Q", "K", "A"]
SUITS = ["c", "d", "h", "s"]


def card_name(cls):
    return RANKS[cls // 4] + SUITS[cls % 4]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--detect", required=True)
    ap.add_argument("--scenes", required=True)
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    scenes = sorted(Path(args.scenes).glob("scene-*.jpg"))
    result = subprocess.run([args.detect, "--json", *map(str, scenes)], capture_output=True, text=True, check=False)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    by_path = {line["path"]: line for line in lines}
    recognizable = collections.Counter()
    recognized = collections.Counter()
    detections = false_detections = duplicates = 0
    empty_scenes = false_in_empty = 0
    errors = []
    ms = []
    for scene in scenes:
        truth = json.loads(scene.with_suffix(".json").read_text())
        best = {}
        for inst in truth:
            good = inst["visible"] >= 0.7 and inst["height"] >= 12
            partial = inst["visible"] >= 0.3
            name = card_name(inst["cls"])
            level = 2 if good else (1 if partial else 0)
            best[name] = max(best.get(name, 0), level)
        line = by_path.get(str(scene))
        if line is None or "error" in line:
            errors.append((str(scene), line))
            continue
        ms.append(line["ms"])
        reported = [card["card"] for card in line["cards"]]
        if not truth:  # no card at all: table, clutter, chips and hands only
            empty_scenes += 1
            false_in_empty += len(reported)
        for name, level in best.items():
            if level == 2:
                recognizable[name] += 1
                if name in reported:
                    recognized[name] += 1
        for name, count in collections.Counter(reported).items():
            duplicates += count - 1
        for name in reported:
            detections += 1
            if best.get(name, 0) == 0:
                false_detections += 1
                print(f"false detection: {name} in {scene.name}", file=sys.stderr)
        for name, level in best.items():
            if level == 2 and name not in reported:
                print(f"missed: {name} in {scene.name}", file=sys.stderr)
    total = sum(recognizable.values())
    report = {
        "scenes": len(scenes),
        "recognizable_cards": total,
        "recall": sum(recognized.values()) / total if total else 0.0,
        "detections": detections,
        "false_detections": false_detections,
        "false_detection_rate": false_detections / detections if detections else 0.0,
        "duplicate_detections": duplicates,
        "card_free_scenes": empty_scenes,
        "cards_reported_in_card_free_scenes": false_in_empty,
        "errors": len(errors),
        "median_ms": sorted(ms)[len(ms) // 2] if ms else None,
        "per_card_recall": {n: recognized[n] / recognizable[n] for n in sorted(recognizable)},
    }
    text = json.dumps(report, indent=1)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")


if __name__ == "__main__":
    main()
