#!/usr/bin/env python3
"""Classifier crops of procedural corner indices, without rendering whole scenes: many more
deck designs per CPU second than generate.py, for the classifier only.

Each crop: a new or recent SynthStyle (font, suit shapes, colours), the corner of one card
(paper, rounded edge, the table beyond it, sometimes the neighbouring art) at a random scale,
on a random table texture, lit and blurred like a camera, then cut with generate.crop_index
exactly as the runtime cuts it, with detector-like jitter. A quarter of the crops are "not a
card": the same corners and tables cut away from the index.

Usage: python synth_crops.py --count 60000 --seed 31 --out DATA/crops31   (writes crops.npz)
"""

import argparse
import math
import sys
from pathlib import Path

import cv2
import numpy as np

import generate as g
import synth_cards

PATCH = 256  # side of the small scene each crop is cut from


def corner_scene(rng, style, cls):
    """A small table scene with one card's top-left corner; returns the BGR image and the
    index's centre, height and up angle in it."""
    card, box = style.card(cls)
    ch, cw = card.shape[:2]
    index_h = (box[3] - box[1]) * ch
    # Index height in the patch: small (far camera) to large (hole-card camera).
    target = math.exp(rng.uniform(math.log(11), math.log(90)))
    centre = np.array([PATCH / 2, PATCH / 2], np.float32) + rng.normal(0, 6, 2).astype(np.float32)
    angle = rng.uniform(0, 360)
    # Place the card so that its index centre lands on `centre`.
    s = target / index_h
    a = math.radians(angle)
    ca, sa = math.cos(a), math.sin(a)
    idx_c = np.array([(box[0] + box[2]) / 2 * cw, (box[1] + box[3]) / 2 * ch], np.float32)
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    pts = (src - idx_c) * s
    pts = pts @ np.array([[ca, sa], [-sa, ca]], np.float32)
    pts += centre
    pts += rng.uniform(-0.12, 0.12, pts.shape).astype(np.float32) * target * 3
    hmat = cv2.getPerspectiveTransform(src, pts.astype(np.float32))
    canvas = g.background(rng, PATCH, PATCH)
    ids = np.full((PATCH, PATCH), -1, np.int16)
    if rng.random() < 0.3:  # another card under this one
        other, _ = style.card(int(rng.integers(52)))
        off = rng.normal(0, target * 2, 2).astype(np.float32)
        h2 = cv2.getPerspectiveTransform(src, (pts + off).astype(np.float32))
        g.paste(canvas, ids, other, h2, 1, np.float32(rng.uniform(0.8, 1.1)))
    g.paste(canvas, ids, card, hmat, 0, np.float32(rng.uniform(0.75, 1.1)))
    inst = g.index_instances(box, cw, ch, hmat)[0]
    if rng.random() < 0.1:
        g.draw_finger(rng, canvas, ids, np.array(inst["centre"]) + rng.normal(0, target * 1.2, 2), target * rng.uniform(2, 4))
    img = g.photometric(rng, canvas[..., ::-1])
    img = g.jpeg(rng, img)
    mask = np.zeros(ids.shape, np.uint8)
    cv2.fillConvexPoly(mask, np.round(inst["poly"]).astype(np.int32), 1)
    area = max(1, int(mask.sum()))
    inst["visible"] = float((ids[mask > 0] == 0).sum() / area)
    return img, inst


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=60000)
    ap.add_argument("--seed", type=int, default=31)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    crops, labels = [], []
    style = None
    while len(labels) < args.count:
        if style is None or rng.random() < 0.1:
            style = synth_cards.SynthStyle(rng)
        cls = int(rng.integers(52))
        img, inst = corner_scene(rng, style, cls)
        if inst["visible"] >= 0.7:
            for _ in range(2):
                c = np.array(inst["centre"]) + rng.normal(0, 0.08, 2) * inst["height"]
                hgt = inst["height"] * math.exp(rng.normal(0, 0.1))
                crops.append(g.crop_index(img, c, hgt, inst["angle"] + rng.normal(0, 0.12)))
                labels.append(cls)
        if rng.random() < 0.35:  # not a card: beside the index, or anywhere
            off = rng.uniform(1.1, 2.5) * inst["height"]
            b = rng.uniform(0, 2 * math.pi)
            c = np.array(inst["centre"]) + off * np.array([math.cos(b), math.sin(b)])
            hgt = inst["height"] * math.exp(rng.normal(0, 0.25))
            crops.append(g.crop_index(img, c, hgt, rng.uniform(-math.pi, math.pi)))
            labels.append(g.BACKGROUND_CLASS)
        if len(labels) % 5000 < 3:
            print(f"{len(labels)}/{args.count} crops", file=sys.stderr, flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "crops.npz", crops=np.stack(crops), labels=np.array(labels, np.int64),
                        decks=np.array(["synth-crop"] * len(labels)))
    print(f"wrote {len(labels)} crops to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
