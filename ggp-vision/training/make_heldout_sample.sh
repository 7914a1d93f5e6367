#!/usr/bin/env bash
# Writes the small held-out sample the Rust accuracy test reads (ggp-vision/tests/data/heldout):
# 20 scenes rendered only from the deck that training never sees (letele), seed 4 (the
# validation sets use seeds 2 and 3), with each scene's truth as JSON.
#
# Usage: ggp-vision/training/make_heldout_sample.sh [WORK_DIR]   (default ~/.cache/ggp-gfx/vision)
# Needs the letele SVGs in WORK_DIR/decks/letele (reproduce.sh fetches them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-$HOME/.cache/ggp-gfx/vision}"
python="${PYTHON:-$here/../../.venv/bin/python}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$python" "$here/generate.py" --letele "$work/decks/letele" --decks letele --scenes 20 \
    --samples 20 --sample-quality 85 --crops-per-index 1 --seed 4 --out "$tmp"
out="$here/../tests/data/heldout"
rm -rf "$out"
mkdir -p "$out"
cp "$tmp"/scene-*.jpg "$tmp"/scene-*.json "$out/"
