#!/usr/bin/env bash
# Rebuilds the card-recognition models from nothing but the decks: fetches the CC0 npm deck,
# renders the synthetic data, trains both models on the CPU, exports them to ONNX into
# ggp-vision/models/, and validates the whole pipeline on the held-out deck.
# Not part of CI (PyTorch is ~5 GB). Takes a few hours on 2 cores; see MODEL_CARD.md.
#
# Usage: ggp-vision/training/reproduce.sh [WORK_DIR]   (default ~/.cache/ggp-gfx/vision)
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$REPO"
work="${1:-$HOME/.cache/ggp-gfx/vision}"
mkdir -p "$work/decks" "$work/data"

# Fonts for the procedural decks (synth_cards.py): many rank glyph designs, so that the
# classifier learns ranks and suits rather than two decks' art.
ensure_apt_packages fonts-dejavu-core fonts-urw-base35 fonts-liberation2 fonts-freefont-ttf fonts-noto-core

# The generator's dependencies go into the repo's .venv; PyTorch into its own.
ensure_venv $(grep -v '^#' ggp-vision/training/requirements.txt | tr '\n' ' ')
train_venv="$HOME/.cache/ggp-gfx/train-venv"
[ -x "$train_venv/bin/python" ] || python3 -m venv "$train_venv"
"$train_venv/bin/pip" install -q -r ggp-vision/training/requirements.txt -r ggp-vision/training/requirements-train.txt

# The third deck: CC0 React components on npm, turned back into SVG files.
if [ ! -f "$work/decks/letele/AS.svg" ]; then
    (cd "$work/decks" && npm pack -q @letele/playing-cards@0.1.0 && tar xzf letele-playing-cards-0.1.0.tgz)
    node ggp-vision/training/letele_to_svg.mjs "$work/decks/package/dist/index.esm.js" "$work/decks/letele"
fi

gen() { .venv/bin/python ggp-vision/training/generate.py --letele "$work/decks/letele" "$@"; }
# Training decks: byron-knoll and jumbo-index. Held out: letele (validation only).
for seed in 11 12 13; do
    [ -f "$work/data/train$seed/crops.npz" ] || gen --decks byron,jumbo --scenes 600 --crops-per-index 3 --seed $seed --out "$work/data/train$seed" &
done
# Procedural decks: a new design (font, suit shapes, colours, layout) in every scene.
for seed in 21 22; do
    [ -f "$work/data/synth$seed/crops.npz" ] || gen --decks synth --scenes 1000 --crops-per-index 2 --seed $seed --out "$work/data/synth$seed" &
done
[ -f "$work/data/crops31/crops.npz" ] || .venv/bin/python ggp-vision/training/synth_crops.py --count 30000 --seed 31 --out "$work/data/crops31" &
[ -f "$work/data/val/crops.npz" ] || gen --decks letele --scenes 600 --seed 2 --samples 20 --out "$work/data/val" &
[ -f "$work/data/e2e/crops.npz" ] || gen --decks letele --scenes 250 --samples 250 --crops-per-index 1 --seed 3 --out "$work/data/e2e" &
wait

train="$work/data/train11,$work/data/train12,$work/data/train13,$work/data/synth21,$work/data/synth22"
out="$work/models"
"$train_venv/bin/python" ggp-vision/training/train.py classifier --train "$train,$work/data/crops31" --val "$work/data/val" --epochs 8 --out "$out" &
"$train_venv/bin/python" ggp-vision/training/train.py detector --train "$train" --val "$work/data/val" --epochs 12 --out "$out" &
wait
cp "$out/card_detector.onnx" "$out/card_classifier.onnx" ggp-vision/models/

cargo build --release -p ggp-examples --example detect
.venv/bin/python ggp-vision/training/evaluate.py --detect "$CARGO_TARGET_DIR/release/examples/detect" \
    --scenes "$work/data/e2e" --json "$out/e2e.json"
# The small held-out sample the Rust accuracy test reads (tests/data/heldout).
ggp-vision/training/make_heldout_sample.sh "$work"
