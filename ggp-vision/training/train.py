#!/usr/bin/env python3
"""Trains the two card-recognition models on data from generate.py and exports them to ONNX.

* detector: a small fully-convolutional network on the downsized frame (RGB, 0-255, H and W
  multiples of 16) predicting, on a stride-8 grid, corner-index centres (heatmap), the
  sub-cell offset, the index height (log pixels) and its up direction (cos, sin).
* classifier: a small CNN on 48x32 RGB crops of one corner index cut upright from the
  full-resolution frame, 53 classes: the 52 cards (rank * 4 + suit) and "no card".

PyTorch on the CPU; not part of CI. Usage (see MODEL_CARD.md for the exact runs):
    python train.py classifier --train DATA/train --val DATA/val --epochs 12 --out models/
    python train.py detector   --train DATA/train --val DATA/val --epochs 12 --out models/
"""

import argparse
import json
import math
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

STRIDE = 8
N_CLASSES = 53
START = time.time()


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- models


def conv_bn(cin, cout, k=3, s=1, groups=1, dilation=1):
    pad = dilation * (k // 2)
    return nn.Sequential(
        nn.Conv2d(cin, cout, k, s, pad, groups=groups, dilation=dilation, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


def dw_sep(cin, cout, s=1, dilation=1):
    return nn.Sequential(conv_bn(cin, cin, 3, s, groups=cin, dilation=dilation), conv_bn(cin, cout, 1))


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(conv_bn(3, 16, 3, 2), dw_sep(16, 32, 2), dw_sep(32, 32))
        self.s8 = nn.Sequential(dw_sep(32, 64, 2), dw_sep(64, 64), dw_sep(64, 64, dilation=2))
        self.s16 = nn.Sequential(dw_sep(64, 96, 2), dw_sep(96, 96), dw_sep(96, 96, dilation=2))
        self.lateral = conv_bn(96, 64, 1)
        self.fuse = dw_sep(64, 64)
        self.head = nn.Sequential(conv_bn(64, 32, 1), nn.Conv2d(32, 6, 1))
        with torch.no_grad():
            self.head[-1].bias[0] = -4.0  # CenterNet: start with a low heatmap prior

    def forward(self, x):
        x = x * (1.0 / 255.0) - 0.5
        f8 = self.s8(self.stem(x))
        f16 = self.lateral(self.s16(f8))
        f = self.fuse(f8 + F.interpolate(f16, scale_factor=2.0, mode="nearest"))
        out = self.head(f)
        heat = torch.sigmoid(out[:, 0:1])
        offset = torch.sigmoid(out[:, 1:3])
        log_h = out[:, 3:4]
        direction = F.normalize(out[:, 4:6], dim=1)
        return torch.cat([heat, offset, log_h, direction], dim=1)

    def raw(self, x):
        x = x * (1.0 / 255.0) - 0.5
        f8 = self.s8(self.stem(x))
        f16 = self.lateral(self.s16(f8))
        return self.head(self.fuse(f8 + F.interpolate(f16, scale_factor=2.0, mode="nearest")))


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            conv_bn(3, 16), nn.MaxPool2d(2),
            conv_bn(16, 24), conv_bn(24, 24), nn.MaxPool2d(2),
            conv_bn(24, 48), conv_bn(48, 48), nn.MaxPool2d(2),
            conv_bn(48, 64),
        )
        self.fc = nn.Sequential(nn.Dropout(0.2), nn.Linear(64, N_CLASSES))

    def forward(self, x):
        x = x * (1.0 / 255.0) - 0.5
        f = self.features(x).mean(dim=(2, 3))
        return torch.softmax(self.fc(f), dim=1)

    def logits(self, x):
        x = x * (1.0 / 255.0) - 0.5
        return self.fc(self.features(x).mean(dim=(2, 3)))


# ---------------------------------------------------------------- classifier


def load_crops(folders):
    """Crops from one or more generator folders (comma-separated)."""
    parts = [np.load(Path(f) / "crops.npz") for f in folders.split(",")]
    crops = np.concatenate([p["crops"] for p in parts])[..., ::-1]  # generator crops are BGR
    labels = np.concatenate([p["labels"] for p in parts])
    decks = np.concatenate([p["decks"] for p in parts])
    return np.ascontiguousarray(crops.transpose(0, 3, 1, 2)), labels, decks


def augment_crops(x, rng):
    """Colour and contrast changes per crop, sometimes grey: cameras differ."""
    x = x.float()
    n = x.shape[0]
    gain = torch.from_numpy(rng.uniform(0.6, 1.4, (n, 1, 1, 1)).astype(np.float32))
    bias = torch.from_numpy(rng.uniform(-40, 40, (n, 1, 1, 1)).astype(np.float32))
    cast = torch.from_numpy(rng.uniform(0.85, 1.15, (n, 3, 1, 1)).astype(np.float32))
    x = x * gain * cast + bias
    grey = torch.from_numpy(rng.random(n) < 0.1)
    x[grey] = x[grey].mean(dim=1, keepdim=True).expand(-1, 3, -1, -1)
    x = x + torch.randn_like(x) * float(rng.uniform(0, 8))
    return x.clamp(0, 255)


def distort_crops(x, rng):
    """Per-crop geometric and camera distortions the scene renderer does not vary enough:
    small rotations, scale and shifts (an imperfect detector), blur, low resolution, JPEG
    and a partial occlusion. x: uint8 [N, 3, H, W], changed copy returned."""
    x = x.transpose(0, 2, 3, 1).copy()
    n, h, w = x.shape[:3]
    for i in range(n):
        c = x[i]
        if rng.random() < 0.8:
            # As large as the detector's own pose errors on held-out scenes (median: centre
            # 0.19, log height 0.23, angle 0.21 rad), so that its crops read as well as true ones.
            m = cv2.getRotationMatrix2D((w / 2 + rng.normal(0, 3.5), h / 2 + rng.normal(0, 5.0)),
                                        rng.normal(0, 11), math.exp(rng.normal(0, 0.18)))
            c = cv2.warpAffine(c, m, (w, h), borderMode=cv2.BORDER_REPLICATE)
        r = rng.random()
        if r < 0.25:
            c = cv2.GaussianBlur(c, (0, 0), rng.uniform(0.4, 1.3))
        elif r < 0.45:
            f = rng.uniform(0.35, 0.8)
            small = cv2.resize(c, (max(4, int(w * f)), max(4, int(h * f))), interpolation=cv2.INTER_AREA)
            c = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
        if rng.random() < 0.2:
            ok, buf = cv2.imencode(".jpg", c, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(25, 90))])
            if ok:
                c = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
        if rng.random() < 0.12:  # a small occluder at an edge (finger tip, chip, other card)
            ow, oh = int(rng.integers(3, w // 3)), int(rng.integers(3, h // 4))
            ox = 0 if rng.random() < 0.5 else w - ow
            oy = int(rng.integers(0, h - oh))
            c = c.copy()
            c[oy : oy + oh, ox : ox + ow] = rng.integers(0, 255, 3)
        x[i] = c
    return np.ascontiguousarray(x.transpose(0, 3, 1, 2))


def evaluate_classifier(model, crops, labels, decks):
    model.eval()
    preds = []
    with torch.no_grad():
        for i in range(0, len(crops), 1024):
            preds.append(model.logits(torch.from_numpy(crops[i : i + 1024]).float()).argmax(1).numpy())
    pred = np.concatenate(preds) if preds else np.zeros(0, np.int64)
    report = {"overall": float((pred == labels).mean()) if len(labels) else 0.0}
    for deck in sorted(set(decks.tolist())):
        m = decks == deck
        report[f"deck:{deck}"] = float((pred[m] == labels[m]).mean())
    per_class = {}
    for c in range(N_CLASSES):
        m = labels == c
        if m.any():
            per_class[c] = float((pred[m] == c).mean())
    report["per_class"] = per_class
    cards = labels != N_CLASSES - 1
    report["cards_correct"] = float((pred[cards] == labels[cards]).mean()) if cards.any() else 0.0
    bg = ~cards
    report["background_called_card"] = float((pred[bg] != N_CLASSES - 1).mean()) if bg.any() else 0.0
    return report


def out_of_time(args):
    """True once --minutes of wall time have passed since the start: runs are time-budgeted."""
    return args.minutes > 0 and time.time() - START > args.minutes * 60


def set_lr(opt, max_lr, step, steps, args):
    """Warm-up then cosine decay over the run's progress: the larger of the share of steps
    done and, with --minutes, the share of the time budget spent, so that a run stopped by
    its budget still ends at a low learning rate."""
    progress = step / max(1, steps)
    if args.minutes > 0:
        progress = max(progress, (time.time() - START) / (args.minutes * 60))
    progress = min(1.0, progress)
    warm = 0.05
    if progress < warm:
        lr = max_lr * (0.1 + 0.9 * progress / warm)
    else:
        lr = max_lr * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * (progress - warm) / (1 - warm))))
    for group in opt.param_groups:
        group["lr"] = lr


def train_classifier(args):
    rng = np.random.default_rng(args.seed)
    torch.manual_seed(args.seed)
    x, y, _ = load_crops(args.train)
    vx, vy, vd = load_crops(args.val)
    log(f"classifier: {len(y)} training crops, {len(vy)} validation crops")
    model = Classifier()
    resume(model, args, "classifier.pt")
    max_lr = args.lr or 3e-3
    opt = torch.optim.AdamW(model.parameters(), lr=max_lr, weight_decay=1e-4)
    steps, step = args.epochs * math.ceil(len(y) / args.batch), 0
    best = -10.0
    for epoch in range(args.epochs):
        model.train()
        order = rng.permutation(len(y))
        t0, total = time.time(), 0.0
        for i in range(0, len(order), args.batch):
            if out_of_time(args):
                break
            idx = order[i : i + args.batch]
            xb = augment_crops(torch.from_numpy(distort_crops(x[idx], rng)), rng)
            loss = F.cross_entropy(model.logits(xb), torch.from_numpy(y[idx]), label_smoothing=0.05)
            set_lr(opt, max_lr, step, steps, args)
            step += 1
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
        report = evaluate_classifier(model, vx, vy, vd)
        log(f"epoch {epoch + 1}: loss {total / len(y):.4f}, val {report['overall']:.4f} cards {report['cards_correct']:.4f} "
            f"bg->card {report['background_called_card']:.4f} ({time.time() - t0:.0f} s)")
        # Keep the best read of the held-out deck's cards (false "card" reads on background
        # weigh double): the end-to-end set, another held-out set, gives the figures.
        score = report["cards_correct"] - 2 * report["background_called_card"]
        if score >= best:
            best = score
            torch.save(model.state_dict(), Path(args.out) / "classifier.pt")
            # Export every improvement, so a run cut short still leaves a usable model.
            export_classifier(model, args)
            model.train()
        if out_of_time(args):
            log(f"stopped: the {args.minutes} minute budget is spent")
            break
    model.load_state_dict(torch.load(Path(args.out) / "classifier.pt"))
    report = evaluate_classifier(model, vx, vy, vd)
    (Path(args.out) / "classifier-val.json").write_text(json.dumps(report, indent=1))
    export_classifier(model, args)
    log(f"exported card_classifier.onnx, validation {report['overall']:.4f}")


def fresh_copy(model):
    """An eval-mode copy of `model` in a new module: in one long training process, a second
    legacy ONNX export of the same module once wrote a file that disagreed with the weights
    (22 points lower held-out accuracy), while exporting a fresh module matched exactly."""
    copy = type(model)()
    copy.load_state_dict(model.state_dict())
    return copy.eval()


def export_classifier(model, args):
    model.eval()
    torch.onnx.export(
        fresh_copy(model), torch.zeros(1, 3, 48, 32), str(Path(args.out) / "card_classifier.onnx"),
        input_names=["crops"], output_names=["probs"], opset_version=17,
        dynamic_axes={"crops": {0: "n"}, "probs": {0: "n"}}, dynamo=False,
    )


def resume(model, args, name):
    """With --resume, continue from the weights a previous run saved in --out."""
    path = Path(args.out) / name
    if args.resume and path.exists():
        model.load_state_dict(torch.load(path))
        log(f"resumed from {path}")


# ---------------------------------------------------------------- detector


def load_scenes(folders, limit=0):
    """Detector scenes from one or more generator folders (comma-separated), at most `limit`
    from each (0: all)."""
    images, labels = [], []
    for folder in map(Path, folders.split(",")):
        scene_labels = json.loads((folder / "det_labels.json").read_text())
        if limit:
            scene_labels = scene_labels[:limit]
        images += [cv2.imread(str(folder / "det" / f"{i:06d}.png"))[..., ::-1] for i in range(len(scene_labels))]
        labels += scene_labels
    return np.ascontiguousarray(np.stack(images).transpose(0, 3, 1, 2)), labels


def positive(inst):
    return inst["visible"] >= 0.7 and inst["h"] >= 6.0


def ignored(inst):
    return not positive(inst) and inst["visible"] >= 0.3 and inst["h"] >= 4.0


def detector_targets(labels, height, width, y0=0, x0=0):
    """Heatmap (CenterNet gaussians), weights and regression targets on the stride-8 grid."""
    gh, gw = height // STRIDE, width // STRIDE
    heat = np.zeros((gh, gw), np.float32)
    weight = np.ones((gh, gw), np.float32)
    reg = np.zeros((5, gh, gw), np.float32)
    reg_mask = np.zeros((gh, gw), np.float32)
    ys, xs = np.mgrid[0:gh, 0:gw].astype(np.float32)
    for inst in labels:
        cx, cy = (inst["cx"] - x0) / STRIDE, (inst["cy"] - y0) / STRIDE
        if not (-2 <= cx < gw + 2 and -2 <= cy < gh + 2):
            continue
        radius = max(0.6, 0.2 * inst["h"] / STRIDE)
        # Centred on the cell holding the centre, so that cell's target is exactly 1 (the
        # focal loss's positive); the sub-cell position is the offset's job.
        ix, iy = math.floor(cx), math.floor(cy)
        blob = np.exp(-((xs - ix) ** 2 + (ys - iy) ** 2) / (2 * radius * radius))
        if positive(inst):
            heat = np.maximum(heat, blob)
            if 0 <= ix < gw and 0 <= iy < gh:
                reg[:, iy, ix] = [cx - ix, cy - iy, math.log(inst["h"]), math.cos(inst["angle"]), math.sin(inst["angle"])]
                reg_mask[iy, ix] = 1.0
        elif ignored(inst):
            weight[blob > 0.3] = 0.0
    weight = np.maximum(weight, (heat > 0.99).astype(np.float32))
    return heat, weight, reg, reg_mask


def focal_loss(pred_logit, heat, weight):
    pred = torch.sigmoid(pred_logit).clamp(1e-4, 1 - 1e-4)
    pos = (heat >= 0.99).float()
    neg = 1.0 - pos
    pos_loss = -torch.log(pred) * (1 - pred) ** 2 * pos
    neg_loss = -torch.log(1 - pred) * pred**2 * (1 - heat) ** 4 * neg
    n_pos = pos.sum().clamp(min=1.0)
    return ((pos_loss + neg_loss) * weight).sum() / n_pos


def train_detector(args):
    rng = np.random.default_rng(args.seed)
    torch.manual_seed(args.seed)
    images, labels = load_scenes(args.train)
    val_images, val_labels = load_scenes(args.val, limit=args.val_scenes)
    log(f"detector: {len(labels)} training scenes, {len(val_labels)} validation scenes")
    best = -10.0
    model = Detector()
    resume(model, args, "detector.pt")
    max_lr = args.lr or 2e-3
    opt = torch.optim.AdamW(model.parameters(), lr=max_lr, weight_decay=1e-4)
    crop_h, crop_w = 256, 384
    steps, step = args.epochs * math.ceil(len(labels) / args.batch), 0
    for epoch in range(args.epochs):
        model.train()
        order = rng.permutation(len(labels))
        t0, total = time.time(), 0.0
        for i in range(0, len(order), args.batch):
            if out_of_time(args):
                break
            xb, hb, wb, rb, mb = [], [], [], [], []
            for j in order[i : i + args.batch]:
                y0 = int(rng.integers(0, images.shape[2] - crop_h + 1)) // STRIDE * STRIDE
                x0 = int(rng.integers(0, images.shape[3] - crop_w + 1)) // STRIDE * STRIDE
                xb.append(images[j, :, y0 : y0 + crop_h, x0 : x0 + crop_w])
                h, w, r, m = detector_targets(labels[j], crop_h, crop_w, y0, x0)
                hb.append(h), wb.append(w), rb.append(r), mb.append(m)
            x = augment_crops(torch.from_numpy(np.stack(xb)), rng)
            heat, weight = torch.from_numpy(np.stack(hb))[:, None], torch.from_numpy(np.stack(wb))[:, None]
            reg, mask = torch.from_numpy(np.stack(rb)), torch.from_numpy(np.stack(mb))[:, None]
            out = model.raw(x)
            l_heat = focal_loss(out[:, 0:1], heat, weight)
            n = mask.sum().clamp(min=1.0)
            l_off = (F.l1_loss(torch.sigmoid(out[:, 1:3]), reg[:, 0:2], reduction="none") * mask).sum() / n
            l_size = (F.l1_loss(out[:, 3:4], reg[:, 2:3], reduction="none") * mask).sum() / n
            l_dir = (F.l1_loss(F.normalize(out[:, 4:6], dim=1), reg[:, 3:5], reduction="none") * mask).sum() / n
            loss = l_heat + l_off + l_size + l_dir
            set_lr(opt, max_lr, step, steps, args)
            step += 1
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach())
        n_batches = math.ceil(len(order) / args.batch)
        log(f"epoch {epoch + 1}: loss {total / n_batches:.4f} ({time.time() - t0:.0f} s)")
        report = evaluate_detector(model, val_images, val_labels)
        log(f"epoch {epoch + 1}: held-out recall {report['recall']:.4f}, false corners per scene "
            f"{report['false_per_scene']:.3f}, height error {report['median_log_height_error']}")
        torch.save(model.state_dict(), Path(args.out) / "detector-last.pt")
        score = report["recall"] - 0.05 * report["false_per_scene"]
        if score >= best:
            best = score
            torch.save(model.state_dict(), Path(args.out) / "detector.pt")
            (Path(args.out) / "detector-val.json").write_text(json.dumps(report, indent=1))
            # Export every improvement, so a run cut short still leaves a usable model.
            export_detector(model, args)
            log(f"exported card_detector.onnx after epoch {epoch + 1}")
        if out_of_time(args):
            log(f"stopped: the {args.minutes} minute budget is spent")
            break


def evaluate_detector(model, images, labels, threshold=0.3):
    """Peaks of the heatmap (3x3 maxima above `threshold`, as the runtime finds them) against
    the truth: recall of recognizable indices (a peak within half an index height), and peaks
    near no index at all (false corners, per scene)."""
    model.eval()
    found = total = false = 0
    height_err = []
    with torch.no_grad():
        for i in range(0, len(labels), 8):
            x = torch.from_numpy(images[i : i + 8]).float()
            pad = (-x.shape[2]) % 16
            x = F.pad(x, (0, (-x.shape[3]) % 16, 0, pad), mode="replicate")
            out = model(x)
            heat = out[:, 0:1]
            peaks = (heat >= threshold) & (heat == F.max_pool2d(heat, 3, 1, 1))
            for b in range(out.shape[0]):
                ys, xs = np.nonzero(peaks[b, 0].numpy())
                maps = out[b].numpy()
                pts = [((gx + maps[1, gy, gx]) * STRIDE, (gy + maps[2, gy, gx]) * STRIDE, math.exp(maps[3, gy, gx]))
                       for gy, gx in zip(ys, xs)]
                insts = labels[i + b]
                for inst in insts:
                    if inst["visible"] >= 0.7 and inst["h"] >= 6:
                        total += 1
                        near = [p for p in pts if math.hypot(p[0] - inst["cx"], p[1] - inst["cy"]) < 0.5 * inst["h"]]
                        if near:
                            found += 1
                            height_err.append(abs(math.log(near[0][2] / inst["h"])))
                for p in pts:
                    if not any(math.hypot(p[0] - t["cx"], p[1] - t["cy"]) < max(4.0, 0.7 * t["h"]) for t in insts):
                        false += 1
    model.train()
    return {
        "recall": found / max(1, total),
        "false_per_scene": false / max(1, len(labels)),
        "median_log_height_error": float(np.median(height_err)) if height_err else None,
    }


def export_detector(model, args):
    model.eval()
    torch.onnx.export(
        fresh_copy(model), torch.zeros(1, 3, 368, 640), str(Path(args.out) / "card_detector.onnx"),
        input_names=["frame"], output_names=["maps"], opset_version=17,
        dynamic_axes={"frame": {2: "h", 3: "w"}, "maps": {2: "gh", 3: "gw"}}, dynamo=False,
    )
    model.train()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", choices=["classifier", "detector"])
    ap.add_argument("--train", required=True)
    ap.add_argument("--val", required=True)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--batch", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--val-scenes", type=int, default=200, help="detector: held-out scenes to score")
    ap.add_argument("--lr", type=float, default=0, help="peak learning rate (0: the model's default)")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (the machine is shared)")
    ap.add_argument("--minutes", type=float, default=0, help="stop after this much wall time (0: no limit)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--resume", action="store_true", help="start from the weights saved in --out")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    if args.model == "classifier":
        args.batch = args.batch or 256
        train_classifier(args)
    else:
        args.batch = args.batch or 16
        train_detector(args)


if __name__ == "__main__":
    main()
