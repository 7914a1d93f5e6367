#!/usr/bin/env python3
"""Exports checkpoints saved by train.py (classifier.pt, detector.pt) to ONNX, e.g. to try a
model after an epoch while training goes on.

Usage: python export.py CHECKPOINT_DIR OUT_DIR
"""

import sys
from pathlib import Path

import torch

from train import Classifier, Detector


def main():
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    for name, model, shape, inp, outp, axes in [
        ("classifier", Classifier(), (1, 3, 48, 32), "crops", "probs", {"crops": {0: "n"}, "probs": {0: "n"}}),
        ("detector", Detector(), (1, 3, 368, 640), "frame", "maps", {"frame": {2: "h", 3: "w"}, "maps": {2: "gh", 3: "gw"}}),
    ]:
        checkpoint = source / f"{name}.pt"
        if not checkpoint.exists():
            print(f"no {checkpoint}", file=sys.stderr)
            continue
        model.load_state_dict(torch.load(checkpoint))
        model.eval()
        torch.onnx.export(model, torch.zeros(*shape), str(out / f"card_{name}.onnx"), input_names=[inp],
                          output_names=[outp], opset_version=17, dynamic_axes=axes, dynamo=False)
        print(f"exported {out / f'card_{name}.onnx'}", file=sys.stderr)


if __name__ == "__main__":
    main()
