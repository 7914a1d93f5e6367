"""Procedural playing cards in many styles, so that the models learn what a corner index is
(a rank glyph over a suit pip) rather than the art of the two training decks.

Every call of `SynthStyle(rng)` draws a new deck design: the rank font (serif, sans,
condensed, bold, from the Debian font packages scripts/lib.sh installs), its width and
weight, the suit shapes (drawn polygons or font glyphs), the colours (red/black, four-colour,
off-white or cream stock), the index's size and place, a border, and pips or court-like art
in the middle. `style.card(cls)` renders one card as RGBA with the index box as fractions of
the card, in the same format as generate.load_deck. Nothing here is taken from any deck.
"""

import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

CARD_W, CARD_H = 400, 560
RANK_TEXT = ["2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K", "A"]
FONT_DIRS = [
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/freefont",
    "/usr/share/fonts/opentype/urw-base35",
    "/usr/share/fonts/truetype/noto",
]
# Fonts that have no Latin letters and digits, or only decorative ones.
EXCLUDE = re.compile(r"D050000L|StandardSymbols|Z003|Mono|Math")
NOTO_LATIN = re.compile(r"^Noto(Sans|Serif)(Display)?-")
SUIT_GLYPH_FONTS = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "FreeSerif.ttf", "FreeSans.ttf"]
SUIT_CHARS = {0: "\u2663", 1: "\u2666", 2: "\u2665", 3: "\u2660"}  # c d h s, filled


@lru_cache(maxsize=1)
def rank_fonts():
    """Every usable Latin font file installed, sorted (so a seed gives the same choices)."""
    found = []
    for d in FONT_DIRS:
        for p in sorted(Path(d).glob("*.[ot]tf")):
            if EXCLUDE.search(p.name):
                continue
            if "noto" in d and not NOTO_LATIN.match(p.name):
                continue
            found.append(p)
    return found


@lru_cache(maxsize=1)
def suit_fonts():
    found = []
    for d in FONT_DIRS:
        for name in SUIT_GLYPH_FONTS:
            if (Path(d) / name).exists():
                found.append(Path(d) / name)
    return found


@lru_cache(maxsize=256)
def load_font(path, size):
    return ImageFont.truetype(str(path), size)


# ---------------------------------------------------------------- suit shapes


def suit_mask(suit, size, variant):
    """A filled suit shape, `size` px tall, as an L-mode image (255 inside)."""
    s = size * 4  # draw large, then shrink: smooth edges
    img = Image.new("L", (s, s), 0)
    d = ImageDraw.Draw(img)
    fat = 0.9 + 0.2 * variant  # variant in [0, 1]: thinner or rounder shapes
    if suit == 1:  # diamond
        w = s * (0.32 + 0.12 * variant)
        d.polygon([(s / 2, 0), (s / 2 + w, s / 2), (s / 2, s - 1), (s / 2 - w, s / 2)], fill=255)
    elif suit == 2:  # heart: two lobes and a point
        r = s * 0.26 * fat
        d.ellipse([s / 2 - 2 * r, s * 0.06, s / 2, s * 0.06 + 2 * r], fill=255)
        d.ellipse([s / 2, s * 0.06, s / 2 + 2 * r, s * 0.06 + 2 * r], fill=255)
        d.polygon([(s / 2 - 2 * r + r * 0.12, s * 0.06 + r * 1.35), (s / 2 + 2 * r - r * 0.12, s * 0.06 + r * 1.35),
                   (s / 2, s * 0.97)], fill=255)
    elif suit == 3:  # spade: an upside-down heart and a stem
        r = s * 0.23 * fat
        top = s * 0.04
        d.polygon([(s / 2, top), (s / 2 + 2 * r - r * 0.1, top + s * 0.5), (s / 2 - 2 * r + r * 0.1, top + s * 0.5)], fill=255)
        d.ellipse([s / 2 - 2 * r, top + s * 0.34, s / 2, top + s * 0.34 + 2 * r], fill=255)
        d.ellipse([s / 2, top + s * 0.34, s / 2 + 2 * r, top + s * 0.34 + 2 * r], fill=255)
        d.polygon([(s / 2, s * 0.62), (s / 2 + s * 0.14, s * 0.98), (s / 2 - s * 0.14, s * 0.98)], fill=255)
    else:  # club: three balls and a stem
        r = s * 0.17 * fat
        d.ellipse([s / 2 - r, s * 0.03, s / 2 + r, s * 0.03 + 2 * r], fill=255)
        d.ellipse([s / 2 - 2.05 * r, s * 0.30, s / 2 - 0.05 * r, s * 0.30 + 2 * r], fill=255)
        d.ellipse([s / 2 + 0.05 * r, s * 0.30, s / 2 + 2.05 * r, s * 0.30 + 2 * r], fill=255)
        d.rectangle([s / 2 - r * 0.35, s * 0.2, s / 2 + r * 0.35, s * 0.7], fill=255)
        d.polygon([(s / 2, s * 0.55), (s / 2 + s * 0.15, s * 0.98), (s / 2 - s * 0.15, s * 0.98)], fill=255)
    return img.resize((max(1, size), max(1, size)), Image.LANCZOS)


def glyph_mask(text, font, squeeze=1.0):
    """Tight mask of a text run in `font`, optionally squeezed horizontally."""
    l, t, r, b = font.getbbox(text)
    w, h = max(1, r - l), max(1, b - t)
    img = Image.new("L", (w + 4, h + 4), 0)
    ImageDraw.Draw(img).text((2 - l, 2 - t), text, fill=255, font=font)
    bbox = img.getbbox()
    if bbox is None:
        return None
    img = img.crop(bbox)
    if squeeze != 1.0:
        img = img.resize((max(1, int(img.width * squeeze)), img.height), Image.LANCZOS)
    return img


def fit_height(mask, height):
    if mask is None or mask.height == 0:
        return None
    w = max(1, int(round(mask.width * height / mask.height)))
    return mask.resize((w, max(1, int(height))), Image.LANCZOS)


# ---------------------------------------------------------------- the deck style


class SynthStyle:
    """One random deck design; `card(cls)` renders card `cls` (rank * 4 + suit) in it."""

    def __init__(self, rng):
        self.rng = rng
        fonts = rank_fonts()
        self.font = fonts[rng.integers(len(fonts))] if fonts else None
        self.squeeze = float(rng.uniform(0.6, 1.15))
        self.bold = float(rng.choice([0, 0, 0, 1, 2]))  # extra stroke, in 1/40 of the height
        self.ten_narrow = float(rng.uniform(0.55, 0.9))  # "10" is often set condensed
        self.index_h = float(rng.uniform(0.075, 0.14)) * CARD_H  # rank glyph height
        self.suit_ratio = float(rng.uniform(0.55, 0.95))  # suit pip height / rank height
        self.gap = float(rng.uniform(0.02, 0.25))  # between rank and pip, in rank heights
        self.margin_x = float(rng.uniform(0.025, 0.08)) * CARD_W
        self.margin_y = float(rng.uniform(0.02, 0.06)) * CARD_H
        self.glyph_suits = bool(rng.random() < 0.5 and suit_fonts())
        self.suit_font = suit_fonts()[rng.integers(len(suit_fonts()))] if self.glyph_suits else None
        self.suit_variant = float(rng.uniform(0, 1))
        paper = rng.uniform(225, 255)
        self.paper = (paper, paper - rng.uniform(0, 12), paper - rng.uniform(0, 28))
        red = (rng.uniform(170, 235), rng.uniform(0, 40), rng.uniform(0, 50))
        black = tuple(float(v) for v in rng.uniform(0, 45, 3))
        self.colours = [black, red, red, black]  # c d h s
        if rng.random() < 0.15:  # four-colour deck: blue diamonds, green clubs
            self.colours[1] = (rng.uniform(0, 40), rng.uniform(40, 110), rng.uniform(160, 230))
            self.colours[0] = (rng.uniform(0, 40), rng.uniform(110, 160), rng.uniform(20, 70))
        self.border = rng.random() < 0.5
        self.court_colours = [tuple(float(v) for v in rng.uniform(0, 255, 3)) for _ in range(4)]

    def _index(self, cls):
        """The index (rank over pip) as an RGBA tile, with its ink colour."""
        rank, suit = cls // 4, cls % 4
        h = int(round(self.index_h))
        text = RANK_TEXT[rank]
        if self.font is not None:
            font = load_font(self.font, max(8, h * 2))
            squeeze = self.squeeze * (self.ten_narrow if text == "10" else 1.0)
            rank_mask = fit_height(glyph_mask(text, font, squeeze), h)
        else:
            rank_mask = None
        if rank_mask is None:
            rank_mask = Image.new("L", (max(1, h // 2), h), 255)
        if self.bold:
            k = int(self.bold * h / 40) * 2 + 1
            if k >= 3:
                rank_mask = rank_mask.filter(ImageFilter.MaxFilter(k))
        ph = max(4, int(round(h * self.suit_ratio)))
        pip = None
        if self.glyph_suits:
            pip = fit_height(glyph_mask(SUIT_CHARS[suit], load_font(self.suit_font, ph * 2)), ph)
        if pip is None:
            pip = suit_mask(suit, ph, self.suit_variant)
        gap = int(self.gap * h)
        w = max(rank_mask.width, pip.width)
        tile = Image.new("L", (w, h + gap + pip.height), 0)
        tile.paste(rank_mask, ((w - rank_mask.width) // 2, 0))
        tile.paste(pip, ((w - pip.width) // 2, h + gap))
        return tile, self.colours[suit]

    def _middle(self, draw, card, cls, colour):
        """Pips for number cards, a framed picture for courts, a big pip for aces."""
        rank, rng = cls // 4, self.rng
        x0, y0, x1, y1 = CARD_W * 0.22, CARD_H * 0.14, CARD_W * 0.78, CARD_H * 0.86
        if 9 <= rank <= 11 and rng.random() < 0.9:  # J Q K: a frame with coloured art
            frame = self.court_colours[rng.integers(4)]
            draw.rectangle([x0, y0, x1, y1], outline=tuple(int(v) for v in frame), width=int(rng.integers(2, 6)))
            for _ in range(int(rng.integers(8, 25))):
                c = tuple(int(v) for v in self.court_colours[rng.integers(4)])
                p = [float(rng.uniform(x0, x1)), float(rng.uniform(y0, y1))]
                q = [float(rng.uniform(x0, x1)), float(rng.uniform(y0, y1))]
                box = [min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1])]
                if rng.random() < 0.5:
                    draw.rectangle(box, fill=c)
                else:
                    draw.line(p + q, fill=c, width=int(rng.integers(2, 10)))
            return
        n = rank + 2 if rank <= 8 else 1
        big = 1.0 if n > 1 else float(rng.uniform(1.5, 3.0))
        size = int(CARD_H * 0.11 * big)
        cols = 1 if n <= 3 else 2 if n <= 8 else 3
        per_col = math.ceil(n / cols)
        m = suit_mask(cls % 4, size, self.suit_variant)
        ink = Image.new("RGBA", m.size, tuple(int(v) for v in colour) + (255,))
        k = 0
        for c in range(cols):
            for r in range(per_col):
                if k >= n:
                    break
                cx = x0 + (x1 - x0) * (c + 0.5) / cols
                cy = y0 + (y1 - y0) * (r + 0.5) / per_col
                card.paste(ink, (int(cx - size / 2), int(cy - size / 2)), m)
                k += 1

    def card(self, cls):
        """Card `cls` as an RGBA array (CARD_H x CARD_W) and its top-left index box
        (x0, y0, x1, y1) as fractions of the card."""
        radius = int(self.rng.uniform(0.02, 0.07) * CARD_W)
        card = Image.new("RGBA", (CARD_W, CARD_H), (0, 0, 0, 0))
        d = ImageDraw.Draw(card)
        paper = tuple(int(v) for v in self.paper) + (255,)
        outline = (150, 150, 150, 255) if self.border else paper
        d.rounded_rectangle([0, 0, CARD_W - 1, CARD_H - 1], radius, fill=paper, outline=outline, width=2)
        tile, colour = self._index(cls)
        self._middle(d, card, cls, colour)
        ink = Image.new("RGBA", tile.size, tuple(int(v) for v in colour) + (255,))
        x, y = int(self.margin_x), int(self.margin_y)
        card.paste(ink, (x, y), tile)
        # The other index: the same tile turned 180 degrees in the opposite corner.
        card = card.rotate(180)
        card.paste(ink, (x, y), tile)
        card = card.rotate(180)
        box = (x / CARD_W, y / CARD_H, (x + tile.width) / CARD_W, (y + tile.height) / CARD_H)
        return np.array(card), np.array(box, np.float32)
