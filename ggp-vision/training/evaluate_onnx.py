#!/usr/bin/env python3
"""Scores ONNX models on generator scenes (scene-NNNN.jpg + .json) with the runtime's pipeline
re-done in Python (onnxruntime), so that a checkpoint can be tried without rebuilding the
Rust crate that embeds the models. evaluate.py, through the Rust runtime, gives the figures
that count; this one follows src/detector/ (area downsizing, edge padding, 3x3 peaks, the
upright crop, classifier, merging the two corners of a card) and the same scoring.

Usage: python evaluate_onnx.py --models DIR --scenes DATA/e2e [--peak 0.3] [--confidence 0.5]
"""

import argparse
import collections
import json
import math
import sys
from pathlib import Path

import cv2
import numpy as np
import onnxruntime as ort

import generate as g
from evaluate import card_name

STRIDE = 8
SAME_CARD_DISTANCE = 7.5


def detect(det, cls, img_bgr, peak, confidence, max_w=640, max_h=360):
    h, w = img_bgr.shape[:2]
    scale = min(max_w / w, max_h / h, 1.0)
    ow, oh = max(1, round(w * scale)), max(1, round(h * scale))
    small = cv2.resize(img_bgr, (ow, oh), interpolation=cv2.INTER_AREA) if scale < 1 else img_bgr
    pw, ph = -(-ow // 16) * 16, -(-oh // 16) * 16
    small = cv2.copyMakeBorder(small, 0, ph - oh, 0, pw - ow, cv2.BORDER_REPLICATE)
    x = small[..., ::-1].transpose(2, 0, 1)[None].astype(np.float32)
    maps = det.run(None, {"frame": x})[0][0]
    heat = maps[0]
    pooled = cv2.dilate(heat, np.ones((3, 3), np.uint8))
    ys, xs = np.nonzero((heat >= peak) & (heat >= pooled))
    order = np.argsort(-heat[ys, xs])[:64]
    poses = []
    for gy, gx in zip(ys[order], xs[order]):
        cx = (gx + maps[1, gy, gx]) * STRIDE / scale
        cy = (gy + maps[2, gy, gx]) * STRIDE / scale
        hgt = math.exp(float(np.clip(maps[3, gy, gx], -2, 8))) / scale
        ang = math.atan2(maps[5, gy, gx], maps[4, gy, gx])
        poses.append((cx, cy, hgt, ang))
    if not poses:
        return []
    crops = np.stack([g.crop_index(img_bgr, (p[0], p[1]), p[2], p[3]) for p in poses])
    crops = crops[..., ::-1].transpose(0, 3, 1, 2).astype(np.float32)
    probs = cls.run(None, {"crops": np.ascontiguousarray(crops)})[0]
    cards = []
    for p, row in zip(poses, probs):
        best = int(row.argmax())
        if best == g.BACKGROUND_CLASS or row[best] < confidence:
            continue
        for c in cards:
            if c[0] == best and math.hypot(c[1][0] - p[0], c[1][1] - p[1]) < SAME_CARD_DISTANCE * max(c[1][2], p[2]):
                break
        else:
            cards.append((best, p, float(row[best])))
    return [card_name(c[0]) for c in cards]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", required=True, help="folder with card_detector.onnx and card_classifier.onnx")
    ap.add_argument("--scenes", required=True)
    ap.add_argument("--peak", type=float, default=0.3)
    ap.add_argument("--confidence", type=float, default=0.5)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    det = ort.InferenceSession(str(Path(args.models) / "card_detector.onnx"), opts)
    cls = ort.InferenceSession(str(Path(args.models) / "card_classifier.onnx"), opts)
    scenes = sorted(Path(args.scenes).glob("scene-*.jpg"))
    if args.limit:
        scenes = scenes[: args.limit]
    total = right = reported = false = 0
    missed = collections.Counter()
    for scene in scenes:
        truth = json.loads(scene.with_suffix(".json").read_text())
        best = {}
        for inst in truth:
            level = 2 if inst["visible"] >= 0.7 and inst["height"] >= 12 else (1 if inst["visible"] >= 0.3 else 0)
            name = card_name(inst["cls"])
            best[name] = max(best.get(name, 0), level)
        names = detect(det, cls, cv2.imread(str(scene)), args.peak, args.confidence)
        for name, level in best.items():
            if level == 2:
                total += 1
                right += name in names
                if name not in names:
                    missed[name] += 1
        for name in names:
            reported += 1
            false += best.get(name, 0) == 0
    print(json.dumps({"scenes": len(scenes), "recognizable": total, "recall": right / max(1, total),
                      "reported": reported, "false_rate": false / max(1, reported),
                      "most_missed": missed.most_common(8)}))


if __name__ == "__main__":
    sys.exit(main())
