#!/usr/bin/env python3
"""Writes the small sample images committed under examples/data/cards/ (tests, README, bench).

All from the held-out deck (letele), which the models never saw in training:
* board-7.jpg       1920x1080, seven cards on felt, well apart (the bench frame);
* hole-2.jpg        1280x720, two big overlapping hole cards, rotated;
* exif-rotated.jpg  hole-2's pixels stored turned 90 degrees with EXIF orientation 6, so
                    that it shows (and must be read) upright;
and cards.json with the cards each image shows.

Usage: .venv/bin/python ggp-vision/training/make_samples.py --letele DECKS/letele --out examples/data/cards
"""

import argparse
import json
import math
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

import generate as g


def place(rng, canvas, card, centre, height, angle, tilt):
    ch, cw = card.shape[:2]
    hmat = g.card_homography(rng, cw, ch, np.array(centre, np.float32), height, angle, tilt)
    ids = np.full(canvas.shape[:2], -1, np.int16)
    g.paste(canvas, ids, card, hmat, 0, np.float32(rng.uniform(0.85, 1.05)))


def finish(rng, canvas, quality):
    img = np.clip(canvas[..., ::-1], 0, 255).astype(np.uint8)
    img = np.clip(img.astype(np.float32) * rng.uniform(0.9, 1.1) + rng.normal(0, 3, img.shape), 0, 255)
    return img.astype(np.uint8)


def felt(rng, w, h):
    base = np.array([30, 105, 55], np.float32)
    tex = 0.7 * g.smooth_noise(rng, h, w, 64) + 0.3 * rng.random((h, w)).astype(np.float32)
    return base[None, None, :] * (0.8 + 0.4 * tex[..., None])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--letele", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    cards, _ = g.load_deck("letele", args.letele, g.ASSETS, Path.home() / ".cache" / "ggp-gfx" / "card-rasters")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    truth = {}

    # Board: seven cards in two rows, upright-ish, like a board camera sees a flop-to-river
    # plus two hole cards.
    chosen = [int(c) for c in rng.permutation(52)[:7]]
    canvas = felt(rng, 1920, 1080)
    spots = [(330 + i * 315, 330) for i in range(5)] + [(800, 780), (1120, 780)]
    for cls, spot in zip(chosen, spots):
        place(rng, canvas, cards[cls], spot, 360, rng.uniform(-12, 12), 0.04)
    cv2.imwrite(str(out / "board-7.jpg"), finish(rng, canvas, 85), [cv2.IMWRITE_JPEG_QUALITY, 85])
    truth["board-7.jpg"] = [g.CARD_CODES[c] for c in chosen]

    # Hole cards: two big cards fanned, at an angle.
    chosen = [int(c) for c in rng.permutation(52)[:2]]
    canvas = felt(rng, 1280, 720)
    base = rng.uniform(20, 40)
    place(rng, canvas, cards[chosen[0]], (560, 380), 520, base - 10, 0.05)
    place(rng, canvas, cards[chosen[1]], (700, 360), 520, base + 8, 0.05)
    img = finish(rng, canvas, 85)
    cv2.imwrite(str(out / "hole-2.jpg"), img, [cv2.IMWRITE_JPEG_QUALITY, 85])
    truth["hole-2.jpg"] = [g.CARD_CODES[c] for c in chosen]

    # The same picture stored turned: pixels rotated 90 degrees counter-clockwise, EXIF
    # orientation 6 ("rotate 90 clockwise to show"), as phones write portrait photos.
    stored = Image.fromarray(img[..., ::-1]).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(out / "exif-rotated.jpg", quality=85, exif=exif.tobytes())
    truth["exif-rotated.jpg"] = truth["hole-2.jpg"]

    (out / "cards.json").write_text(json.dumps(truth, indent=1) + "\n")
    print(json.dumps(truth))


if __name__ == "__main__":
    main()
