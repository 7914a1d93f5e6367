#!/usr/bin/env python3
"""Synthetic training data for card recognition: table scenes with cards, seeded.

Renders playing-card decks (SVG) onto procedurally generated felt and wood textures with
perspective, rotation, scale, overlapping cards, fingers, chips, card backs, blur, noise,
glare, lighting changes and JPEG artefacts. Each scene yields:

* a detector sample: the scene at detector resolution (DET_W x DET_H) with, for every
  corner index, its centre, height and "up" direction (and whether it is visible enough);
* classifier samples: crops of each visible corner index cut from the full-resolution
  scene exactly the way the Rust runtime cuts them (see crop_index), plus background crops.

Usage (from the repo root, with the repo's .venv that scripts/lib.sh creates):
    node ggp-vision/training/letele_to_svg.mjs PKG/dist/index.esm.js DECKS/letele
    .venv/bin/python ggp-vision/training/generate.py --letele DECKS/letele \
        --decks byron,jumbo --scenes 3000 --seed 1 --out DATA/train
    .venv/bin/python ggp-vision/training/generate.py --letele DECKS/letele \
        --decks letele --scenes 600 --seed 2 --out DATA/val

Same arguments and seed => same files, byte for byte (one process, no threads).
"""

import argparse
import io
import json
import math
import os
import sys
from pathlib import Path

import cairosvg
import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

import synth_cards

# Class index = rank * 4 + suit, the same order as ggp_core::Card::from_index.
RANKS = ["2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K", "A"]
SUITS = ["C", "D", "H", "S"]
BACKGROUND_CLASS = 52
CARD_CODES = [r + s for r in RANKS for s in SUITS]

# Full-resolution scene and the detector's input (the runtime downsizes frames to this).
FULL_W, FULL_H = 1280, 720
DET_W, DET_H = 640, 360
# Crop cut around a corner index for the classifier: width x height in pixels, and how
# much of the frame it covers relative to the index height (keep equal to the runtime).
CROP_W, CROP_H = 32, 48
CROP_SPAN_H = 1.3
CROP_SPAN_W = CROP_SPAN_H * CROP_W / CROP_H
CARD_RASTER_H = 560

ASSETS = Path(__file__).resolve().parents[2] / ".." / "shared" / "assets" / "card-decks"
JUMBO_NAMES = {"S": "spade", "H": "heart", "D": "diamond", "C": "club"}
JUMBO_RANKS = {"A": "Ace", "J": "Jack", "Q": "Queen", "K": "King"}


def deck_files(deck, letele_dir, assets):
    """Maps card code (e.g. '10H') to the SVG path for one deck."""
    if deck == "byron":
        return {c: assets / "byron-knoll" / f"{c}.svg" for c in CARD_CODES}
    if deck == "jumbo":
        return {
            r + s: assets / "jumbo-index" / f"{JUMBO_NAMES[s]}{JUMBO_RANKS.get(r, r)}.svg"
            for r in RANKS
            for s in SUITS
        }
    if deck == "letele":
        return {c: Path(letele_dir) / f"{c}.svg" for c in CARD_CODES}
    raise SystemExit(f"unknown deck {deck!r}: expected byron, jumbo, letele or synth")


def back_files(assets):
    return [assets / "jumbo-index" / "blueBack.svg", assets / "jumbo-index" / "redBack.svg"]


def rasterize(svg_path, height=CARD_RASTER_H):
    png = cairosvg.svg2png(url=str(svg_path), output_height=height)
    return np.array(Image.open(io.BytesIO(png)).convert("RGBA"))


def find_index_box(card):
    """Top-left corner index (rank + suit) box of a rasterized card, as fractions of the card.

    The index is the group of inked blobs nearest the top-left corner that do not touch the
    search window's edges (the card outline and court frames do)."""
    h, w = card.shape[:2]
    rgb = card[..., :3].astype(np.int16)
    ink = (card[..., 3] > 128) & ((rgb.min(axis=2) < 140) | (rgb.max(axis=2) - rgb.min(axis=2) > 90))
    region = ink[: int(0.32 * h), : int(0.24 * w)].astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(region)
    rh, rw = region.shape
    comps = [
        s
        for s in stats[1:n]
        if s[4] > 15 and s[0] > 2 and s[1] > 2 and s[0] + s[2] < rw - 1 and s[1] + s[3] < rh - 1
    ]
    if not comps:
        return None
    x0 = min(s[0] for s in comps)
    y0 = min(s[1] for s in comps)
    x1 = max(s[0] + s[2] for s in comps)
    y1 = max(s[1] + s[3] for s in comps)
    return (x0 / w, y0 / h, x1 / w, y1 / h)


def load_deck(deck, letele_dir, assets, cache_dir):
    """Rasterized cards and their index boxes; cached as .npz per deck."""
    cache = Path(cache_dir) / f"{deck}-{CARD_RASTER_H}.npz"
    if cache.exists():
        data = np.load(cache, allow_pickle=False)
        return list(data["cards"]), data["boxes"]
    files = deck_files(deck, letele_dir, assets)
    cards, boxes = [], []
    for code in CARD_CODES:
        card = rasterize(files[code])
        cards.append(card)
        boxes.append(find_index_box(card))
    found = np.array([b for b in boxes if b is not None])
    median = np.median(found, axis=0)
    boxes = np.array([b if b is not None else median for b in boxes], dtype=np.float32)
    # A box far from the deck's usual one caught art or pips: use the deck's usual box.
    for i, b in enumerate(boxes):
        if abs(b[3] - median[3]) > 0.06 or abs(b[2] - median[2]) > 0.07:
            boxes[i] = median
    shapes = {c.shape for c in cards}
    if len(shapes) != 1:
        cards = [cv2.resize(c, (cards[0].shape[1], cards[0].shape[0])) for c in cards]
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache, cards=np.stack(cards), boxes=boxes)
    return cards, boxes


# ---------------------------------------------------------------- procedural textures


def smooth_noise(rng, h, w, scale):
    small = rng.random((max(2, h // scale), max(2, w // scale))).astype(np.float32)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def background(rng, h, w):
    kind = rng.integers(0, 4)
    if kind == 0:  # felt: green, blue, red, grey, black, brown
        palette = [(30, 110, 50), (20, 70, 130), (120, 25, 30), (90, 90, 90), (25, 25, 28), (90, 60, 35)]
        base = np.array(palette[rng.integers(len(palette))], np.float32)
        base *= rng.uniform(0.6, 1.4)
        tex = 0.7 * smooth_noise(rng, h, w, 64) + 0.3 * rng.random((h, w)).astype(np.float32)
        img = base[None, None, :] * (0.75 + 0.5 * tex[..., None])
    elif kind == 1:  # wood
        base = np.array([rng.uniform(80, 170), rng.uniform(50, 110), rng.uniform(20, 60)], np.float32)
        ys = np.linspace(0, rng.uniform(10, 60), h, dtype=np.float32)[:, None]
        warp = 8 * smooth_noise(rng, h, w, 100)
        grain = 0.5 + 0.5 * np.sin(ys + warp + 0.02 * np.arange(w)[None, :] * rng.uniform(-1, 1))
        img = base[None, None, :] * (0.7 + 0.5 * grain[..., None])
        if rng.random() < 0.5:
            img = img[:, ::-1].transpose(1, 0, 2)
            img = cv2.resize(np.ascontiguousarray(img), (w, h))
    elif kind == 2:  # plain random colour with gradient
        c0 = rng.uniform(0, 255, 3).astype(np.float32)
        c1 = rng.uniform(0, 255, 3).astype(np.float32)
        t = np.linspace(0, 1, w, dtype=np.float32)[None, :, None]
        img = c0 * (1 - t) + c1 * t
        img = np.broadcast_to(img, (h, w, 3)).copy()
        img *= 0.85 + 0.3 * smooth_noise(rng, h, w, 32)[..., None]
    else:  # clutter: random rectangles, lines and text on a mid tone
        img = np.full((h, w, 3), rng.uniform(30, 200, 3), np.float32)
        for _ in range(rng.integers(5, 25)):
            colour = tuple(float(v) for v in rng.uniform(0, 255, 3))
            p0 = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            p1 = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            if rng.random() < 0.5:
                cv2.rectangle(img, p0, p1, colour, -1)
            else:
                cv2.line(img, p0, p1, colour, int(rng.integers(1, 8)))
        img = draw_text_clutter(rng, img)
    return np.clip(img, 0, 255).astype(np.float32)


FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def fonts():
    return sorted(FONT_DIR.glob("*.ttf")) if FONT_DIR.exists() else []


def draw_text_clutter(rng, img):
    """Letters and digits that are not card indices: the detector must not fire on them."""
    fs = fonts()
    if not fs:
        return img
    pil = Image.fromarray(img.astype(np.uint8))
    draw = ImageDraw.Draw(pil)
    for _ in range(rng.integers(1, 6)):
        font = ImageFont.truetype(str(fs[rng.integers(len(fs))]), int(rng.integers(10, 60)))
        text = "".join(rng.choice(list("ABCDEFGHJKLMNOPRSTUVWXYZ0123456789$"), int(rng.integers(1, 6))))
        colour = tuple(int(v) for v in rng.integers(0, 255, 3))
        draw.text((int(rng.integers(0, img.shape[1])), int(rng.integers(0, img.shape[0]))), text, fill=colour, font=font)
    return np.array(pil).astype(np.float32)


# ---------------------------------------------------------------- composition


def paste(canvas, ids, rgba, homography, obj_id, shade):
    h, w = canvas.shape[:2]
    warped = cv2.warpPerspective(rgba, homography, (w, h), flags=cv2.INTER_AREA if False else cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0))
    alpha = warped[..., 3:4].astype(np.float32) / 255.0
    colour = warped[..., :3].astype(np.float32) * shade
    canvas[:] = canvas * (1 - alpha) + colour * alpha
    ids[alpha[..., 0] > 0.5] = obj_id


def card_homography(rng, card_w, card_h, centre, height_px, angle_deg, tilt):
    """Card -> scene map: scale to height_px, rotate, move to centre, then tilt the corners."""
    s = height_px / card_h
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    src = np.array([[0, 0], [card_w, 0], [card_w, card_h], [0, card_h]], np.float32)
    pts = (src - [card_w / 2, card_h / 2]) * s
    pts = pts @ np.array([[ca, sa], [-sa, ca]], np.float32)
    pts += centre
    pts += rng.uniform(-tilt, tilt, pts.shape).astype(np.float32) * height_px
    return cv2.getPerspectiveTransform(src, pts.astype(np.float32))


def transform_points(hmat, pts):
    pts = np.asarray(pts, np.float64)
    p = np.c_[pts, np.ones(len(pts))] @ hmat.T
    return p[:, :2] / p[:, 2:3]


def index_instances(box, card_w, card_h, hmat):
    """Both corner indices of a placed card: centre, height, up angle and polygon in the scene."""
    x0, y0, x1, y1 = box[0] * card_w, box[1] * card_h, box[2] * card_w, box[3] * card_h
    out = []
    for corner in (0, 1):
        if corner == 0:
            quad = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
            top, bottom = ((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1)
        else:  # bottom-right index, rotated 180 degrees
            quad = [(card_w - x1, card_h - y1), (card_w - x0, card_h - y1), (card_w - x0, card_h - y0), (card_w - x1, card_h - y0)]
            top, bottom = ((card_w * 2 - x0 - x1) / 2, card_h - y0), ((card_w * 2 - x0 - x1) / 2, card_h - y1)
        centre = ((x0 + x1) / 2, (y0 + y1) / 2) if corner == 0 else (card_w - (x0 + x1) / 2, card_h - (y0 + y1) / 2)
        t, b, c = transform_points(hmat, [top, bottom, centre])
        poly = transform_points(hmat, quad)
        up = t - b
        height = float(np.hypot(*up))
        angle = math.atan2(up[1], up[0])  # image coordinates: upright index => -pi/2
        out.append({"centre": c.tolist(), "height": height, "angle": angle, "poly": poly})
    return out


def skin_colour(rng):
    tones = [(224, 172, 105), (198, 134, 66), (141, 85, 36), (255, 219, 172), (241, 194, 125), (92, 58, 30)]
    return np.array(tones[rng.integers(len(tones))], np.float32) * rng.uniform(0.8, 1.15)


def draw_finger(rng, canvas, ids, near, scale):
    """A skin-coloured capsule (finger or thumb), often over a card corner."""
    length = scale * rng.uniform(0.5, 1.6)
    width = scale * rng.uniform(0.18, 0.35)
    a = rng.uniform(0, 2 * math.pi)
    cx, cy = near
    p0 = (cx, cy)
    p1 = (cx + length * math.cos(a), cy + length * math.sin(a))
    mask = np.zeros(canvas.shape[:2], np.uint8)
    cv2.line(mask, tuple(int(v) for v in p0), tuple(int(v) for v in p1), 255, max(2, int(width)))
    cv2.circle(mask, tuple(int(v) for v in p0), max(1, int(width / 2)), 255, -1)
    soft = cv2.GaussianBlur(mask, (0, 0), max(0.6, width * 0.08)).astype(np.float32)[..., None] / 255.0
    colour = skin_colour(rng)
    shade = 0.8 + 0.3 * smooth_noise(rng, canvas.shape[0], canvas.shape[1], 16)[..., None]
    canvas[:] = canvas * (1 - soft) + colour * shade * soft
    ids[mask > 128] = -1


def draw_chip(rng, canvas, ids, centre, radius):
    colour = rng.uniform(0, 255, 3)
    c = tuple(int(v) for v in centre)
    r = max(3, int(radius))
    cv2.circle(canvas, c, r, tuple(float(v) for v in colour), -1, cv2.LINE_AA)
    edge = tuple(float(v) for v in rng.uniform(150, 255, 3))
    for k in range(6):
        a = k * math.pi / 3 + rng.uniform(0, 1)
        p = (int(c[0] + 0.85 * r * math.cos(a)), int(c[1] + 0.85 * r * math.sin(a)))
        cv2.circle(canvas, p, max(1, r // 6), edge, -1, cv2.LINE_AA)
    cv2.circle(canvas, c, int(r * 0.6), edge, max(1, r // 12), cv2.LINE_AA)
    cv2.circle(ids.view(np.int16), c, r, -1, -1)


def photometric(rng, img):
    """Lighting, colour cast, glare, blur, noise: what a camera does to a table."""
    h, w = img.shape[:2]
    img = img * rng.uniform(0.55, 1.35) + rng.uniform(-30, 30)
    img *= rng.uniform(0.8, 1.2, 3)[None, None, :]
    # Uneven light: a smooth gain field and sometimes a vignette.
    img *= (0.7 + 0.6 * smooth_noise(rng, h, w, 256))[..., None]
    if rng.random() < 0.4:  # glare: a bright soft spot, sometimes over a card
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.05, 0.3) * w
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        spot = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r))
        img += rng.uniform(60, 200) * spot[..., None]
    gamma = rng.uniform(0.7, 1.4)
    img = 255.0 * (np.clip(img, 0, 255) / 255.0) ** gamma
    kind = rng.random()
    if kind < 0.3:
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 1.6))
    elif kind < 0.45:  # motion blur
        k = int(rng.integers(3, 11))
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2, :] = 1.0 / k
        rot = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), rng.uniform(0, 180), 1.0)
        kernel = cv2.warpAffine(kernel, rot, (k, k))
        kernel /= max(kernel.sum(), 1e-6)
        img = cv2.filter2D(img, -1, kernel)
    img += rng.normal(0, rng.uniform(0, 10), img.shape).astype(np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def jpeg(rng, img):
    quality = int(rng.integers(35, 96))
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR) if ok else img


def layout(rng, n_cards):
    """Card centres, heights and angles: a scattered table, a board row, or a hand."""
    kind = rng.integers(0, 3)
    height = math.exp(rng.uniform(math.log(90), math.log(620)))
    cards = []
    if kind == 0:  # scattered
        for _ in range(n_cards):
            hgt = height * rng.uniform(0.8, 1.25)
            cards.append(((rng.uniform(0, FULL_W), rng.uniform(0, FULL_H)), hgt, rng.uniform(0, 360)))
    elif kind == 1:  # board: a row of cards, spaced or overlapping
        step = height * rng.uniform(0.45, 0.9)
        angle = rng.uniform(-25, 25) + (180 if rng.random() < 0.15 else 0)
        a = math.radians(angle)
        x0, y0 = rng.uniform(0, FULL_W * 0.5), rng.uniform(FULL_H * 0.2, FULL_H * 0.8)
        for i in range(n_cards):
            c = (x0 + i * step * math.cos(a), y0 + i * step * math.sin(a))
            cards.append((c, height, angle + rng.uniform(-4, 4)))
    else:  # a hand: overlapping fan, big cards (hole-card camera)
        cx, cy = rng.uniform(FULL_W * 0.2, FULL_W * 0.8), rng.uniform(FULL_H * 0.2, FULL_H * 0.8)
        base = rng.uniform(0, 360)
        spread = rng.uniform(5, 25)
        for i in range(n_cards):
            off = (i - (n_cards - 1) / 2)
            a = math.radians(base + off * spread)
            c = (cx + off * height * 0.25 * math.cos(a), cy + off * height * 0.25 * math.sin(a))
            cards.append((c, height, base + off * spread))
    return cards


class SynthDeck:
    """A procedural deck that renders its cards when first used (a scene shows a few)."""

    def __init__(self, style):
        self.style = style
        self.cards = {}
        self.boxes = _Boxes(self)

    def __getitem__(self, cls):
        if cls not in self.cards:
            self.cards[cls] = self.style.card(int(cls))
        return self.cards[cls][0]


class _Boxes:
    def __init__(self, deck):
        self.deck = deck

    def __getitem__(self, cls):
        self.deck[cls]
        return self.deck.cards[cls][1]


def make_scene(rng, decks, backs):
    canvas = background(rng, FULL_H, FULL_W)
    ids = np.full((FULL_H, FULL_W), -1, np.int16)
    n_cards = int(rng.integers(0, 10)) if rng.random() < 0.9 else 0
    placements = layout(rng, n_cards)
    instances = []
    deck_name = list(decks)[rng.integers(len(decks))]
    if deck_name == "synth":  # a new procedural deck design for every scene
        cards, boxes = SynthDeck(synth_cards.SynthStyle(rng)), None
        boxes = cards.boxes
    else:
        cards, boxes = decks[deck_name]
    chosen = rng.permutation(52)[:n_cards]
    for obj_id, ((centre, hgt, angle), cls) in enumerate(zip(placements, chosen)):
        card = cards[cls]
        ch, cw = card.shape[:2]
        hmat = card_homography(rng, cw, ch, np.array(centre, np.float32), hgt, angle, rng.uniform(0, 0.18))
        shade = np.float32(rng.uniform(0.75, 1.1))
        if rng.random() < 0.08 and backs:  # a face-down card: a distractor with no index
            back = backs[rng.integers(len(backs))]
            paste(canvas, ids, back, card_homography(rng, back.shape[1], back.shape[0], np.array(centre, np.float32), hgt, angle, 0.1), -2, shade)
            continue
        paste(canvas, ids, card, hmat, obj_id, shade)
        for inst in index_instances(boxes[cls], cw, ch, hmat):
            inst["cls"] = int(cls)
            inst["obj"] = obj_id
            instances.append(inst)
    # Occluders: fingers near corners, chips, stray shapes.
    for inst in instances:
        if rng.random() < 0.12:
            jitter = rng.normal(0, inst["height"] * 0.5, 2)
            draw_finger(rng, canvas, ids, np.array(inst["centre"]) + jitter, inst["height"] * rng.uniform(2, 5))
    for _ in range(int(rng.integers(0, 6))):
        draw_chip(rng, canvas, ids, (rng.uniform(0, FULL_W), rng.uniform(0, FULL_H)), rng.uniform(10, 60))
    if rng.random() < 0.2:
        draw_finger(rng, canvas, ids, (rng.uniform(0, FULL_W), rng.uniform(0, FULL_H)), rng.uniform(80, 300))
    # Visibility of each index: the share of its polygon still showing its own card.
    for inst in instances:
        mask = np.zeros(ids.shape, np.uint8)
        cv2.fillConvexPoly(mask, np.round(inst["poly"]).astype(np.int32), 1)
        area = int(mask.sum())
        inside = (area > 0) and bool(0 <= inst["centre"][0] < FULL_W and 0 <= inst["centre"][1] < FULL_H)
        inst["visible"] = float((ids[mask > 0] == inst["obj"]).sum() / area) if inside else 0.0
    canvas = canvas[..., ::-1]  # RGB -> BGR for OpenCV encoders
    img = photometric(rng, canvas)
    img = jpeg(rng, img)
    return img, instances, deck_name


# ---------------------------------------------------------------- crops (keep in sync with runtime)


def crop_index(img, centre, height, angle, supersample=True):
    """Cuts the corner index at `centre` (full-res pixels) upright into CROP_W x CROP_H.

    The crop's vertical axis follows the index's up direction `angle` (radians, image
    coordinates); the crop spans CROP_SPAN_H * height. Same maths as the Rust runtime:
    bilinear samples, averaged over k x k sub-samples when the crop shrinks the image."""
    span = CROP_SPAN_H * height
    scale = span / CROP_H  # source pixels per crop pixel
    k = int(min(4, max(1, math.ceil(scale)))) if supersample else 1
    ux, uy = math.cos(angle), math.sin(angle)  # up
    rx, ry = -uy, ux  # right of an upright index: up rotated +90 degrees in image coords
    # Crop pixel (u, v) (v downwards) maps to centre + (u - W/2) * scale * right - (v - H/2) * scale * up.
    w, h = CROP_W * k, CROP_H * k
    s = scale / k
    m = np.array(
        [
            [rx * s, -ux * s, centre[0] - (w / 2) * rx * s + (h / 2) * ux * s],
            [ry * s, -uy * s, centre[1] - (w / 2) * ry * s + (h / 2) * uy * s],
        ],
        np.float64,
    )
    # warpAffine maps dst->src with WARP_INVERSE_MAP; pixel centres at +0.5.
    shift = np.array([[1, 0, 0.5], [0, 1, 0.5], [0, 0, 1]])
    m3 = np.vstack([m, [0, 0, 1]]) @ shift
    m3 = np.array([[1, 0, -0.5], [0, 1, -0.5], [0, 0, 1]]) @ m3
    crop = cv2.warpAffine(img, m3[:2], (w, h), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    if k > 1:
        crop = crop.reshape(CROP_H, k, CROP_W, k, 3).mean(axis=(1, 3)).astype(np.uint8)
    return crop


def classifier_crops(rng, img, instances, per_index):
    crops, labels = [], []
    for inst in instances:
        if inst["visible"] < 0.7 or inst["height"] < 10:
            continue
        for _ in range(per_index):
            # Jitter like an imperfect detector: position, size and angle.
            c = np.array(inst["centre"]) + rng.normal(0, 0.08, 2) * inst["height"]
            hgt = inst["height"] * math.exp(rng.normal(0, 0.1))
            ang = inst["angle"] + rng.normal(0, 0.12)
            crops.append(crop_index(img, c, hgt, ang))
            labels.append(inst["cls"])
    # Background crops: random places, and card parts that are not an index.
    n_bg = max(2, len(crops) // 3)
    for _ in range(n_bg):
        if instances and rng.random() < 0.5:
            inst = instances[rng.integers(len(instances))]
            off = rng.uniform(1.2, 3.0) * inst["height"] * np.array([math.cos(a := rng.uniform(0, 6.3)), math.sin(a)])
            c = np.array(inst["centre"]) + off
            hgt = inst["height"] * math.exp(rng.normal(0, 0.2))
        else:
            c = np.array([rng.uniform(0, FULL_W), rng.uniform(0, FULL_H)])
            hgt = math.exp(rng.uniform(math.log(12), math.log(150)))
        crops.append(crop_index(img, c, hgt, rng.uniform(-math.pi, math.pi)))
        labels.append(BACKGROUND_CLASS)
    return crops, labels


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--decks", required=True,
                    help="comma-separated: byron, jumbo, letele, synth (a new procedural design per scene)")
    ap.add_argument("--letele", default="", help="folder of SVGs written by letele_to_svg.mjs")
    ap.add_argument("--assets", default=str(ASSETS), help="the card-decks folder")
    ap.add_argument("--scenes", type=int, default=1000)
    ap.add_argument("--crops-per-index", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--cache", default=str(Path.home() / ".cache" / "ggp-gfx" / "card-rasters"))
    ap.add_argument("--samples", type=int, default=0, help="also write this many full-res scenes as JPEG")
    ap.add_argument("--sample-quality", type=int, default=95, help="JPEG quality of the --samples scenes")
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    assets = Path(args.assets)
    decks = {
        d: None if d == "synth" else load_deck(d, args.letele, assets, args.cache) for d in args.decks.split(",")
    }
    backs = [rasterize(p) for p in back_files(assets) if p.exists()]
    out = Path(args.out)
    (out / "det").mkdir(parents=True, exist_ok=True)
    det_labels = []
    all_crops, all_labels, all_decks = [], [], []
    for i in range(args.scenes):
        img, instances, deck_name = make_scene(rng, decks, backs)
        det = cv2.resize(img, (DET_W, DET_H), interpolation=cv2.INTER_AREA)
        cv2.imwrite(str(out / "det" / f"{i:06d}.png"), det)
        sx = DET_W / FULL_W
        det_labels.append(
            [
                {
                    "cx": inst["centre"][0] * sx,
                    "cy": inst["centre"][1] * sx,
                    "h": inst["height"] * sx,
                    "angle": inst["angle"],
                    "visible": inst["visible"],
                    "cls": inst["cls"],
                }
                for inst in instances
            ]
        )
        crops, labels = classifier_crops(rng, img, instances, args.crops_per_index)
        all_crops += crops
        all_labels += labels
        all_decks += [deck_name] * len(labels)
        if i < args.samples:
            cv2.imwrite(str(out / f"scene-{i:04d}.jpg"), img, [cv2.IMWRITE_JPEG_QUALITY, args.sample_quality])
            with open(out / f"scene-{i:04d}.json", "w") as f:
                json.dump([{k: v for k, v in inst.items() if k != "poly"} for inst in instances], f)
        if (i + 1) % 100 == 0:
            print(f"{i + 1}/{args.scenes} scenes, {len(all_labels)} crops", file=sys.stderr)
    with open(out / "det_labels.json", "w") as f:
        json.dump(det_labels, f)
    np.savez_compressed(
        out / "crops.npz",
        crops=np.stack(all_crops) if all_crops else np.zeros((0, CROP_H, CROP_W, 3), np.uint8),
        labels=np.array(all_labels, np.int64),
        decks=np.array(all_decks),
    )
    print(f"wrote {args.scenes} scenes and {len(all_labels)} crops to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
