"""Trains FieldNet on exported synthetic pages and keeps the checkpoint with the best validation F1.

    /usr/bin/python3 training/train.py --iters 6000

Fine-tuning the shipped model on real forms as well (training/finetune.sh):

    /usr/bin/python3 training/train.py --init-onnx models/conveyor-fields-v1.onnx --real training/work/real \
        --real-share 0.5 --iters 1500 --lr 5e-4 --warmup 50

With --real, each batch draws pages from the real set's train part with probability --real-share,
and the checkpoint is picked on the mean of the generated and the real validation F1 (the real
set's held-back test split is never read here).

Needs Debian's python3-torch, python3-numpy and python3-pil (the pyenv `python3` has no torch).
Reproducible: fixed seeds, a fixed dataset (tools/forms-dataset.ts over fixed seed ranges) and a
fixed iteration count; CPU thread scheduling can still move the last digits.
"""
import argparse
import json
import math
import os
import random
import time

import numpy as np
import torch

from dataset import StripDataset, load_split
from evaluate import CLASSES, mean_f1, validate
from losses import detection_loss
from model import FieldNet, count_params

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.path.join(HERE, "work", "data"))
    p.add_argument("--out", default=os.path.join(HERE, "work", "run"))
    p.add_argument("--size", type=int, default=800)
    p.add_argument("--strip", type=int, default=256)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--iters", type=int, default=6000)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--weight-decay", type=float, default=5e-4)
    p.add_argument("--warmup", type=int, default=300)
    p.add_argument("--eval-every", type=int, default=500)
    p.add_argument("--val-pages", type=int, default=160)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--cls-loss", choices=["qfl", "focal"], default="qfl")
    p.add_argument("--center", type=float, default=None)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--init-onnx", default=None, help="start from an exported model's weights (BatchNorm frozen)")
    p.add_argument("--real", default=None, help="folder with train/ and validation/ from tools/forms-real-dataset.ts")
    p.add_argument("--real-share", type=float, default=0.5)
    p.add_argument("--max-seconds", type=float, default=None, help="stop after a final validation once training has run this long")
    return p.parse_args()


class Mixed(torch.utils.data.Dataset):
    """Generated and real pages drawn at a fixed ratio, whatever the sizes of the two sets."""

    def __init__(self, generated, real, share, seed):
        self.generated, self.real, self.share = generated, real, share
        self.rng = np.random.default_rng(seed + 1)

    def __len__(self):
        return len(self.generated) + len(self.real)

    def __getitem__(self, i):
        if self.rng.random() < self.share:
            return self.real[int(self.rng.integers(len(self.real)))]
        return self.generated[int(self.rng.integers(len(self.generated)))]


def freeze_batchnorm(model):
    """Folded BatchNorms carry no statistics of their own: keep them fixed (eval mode, no grad on scale)."""
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.eval()
            m.weight.requires_grad_(False)


def evaluate_and_save(model, args, it, started, running, val_images, val_rows, real_val, log, best_f1):
    """Validates, logs, saves last.pt and, when the mean validation F1 improves, best.pt; returns the best F1."""
    threshold, result = validate(model, val_images, val_rows)
    generated_f1 = mean_f1(result[threshold], val_rows)
    entry = {"iter": it, "seconds": round(time.time() - started), "loss": float(running[0]), "threshold": threshold, "val": result[threshold], "generated_f1": generated_f1}
    if real_val is not None:
        real_threshold, real_result = validate(model, *real_val)
        real_f1 = mean_f1(real_result[real_threshold], real_val[1])
        entry.update({"real_threshold": real_threshold, "real_val": real_result[real_threshold], "real_f1": real_f1})
    entry["mean_f1"] = score = (generated_f1 + real_f1) / 2 if real_val is not None else generated_f1
    if args.init_onnx:
        freeze_batchnorm(model)  # validate() leaves the model in training mode
    log.write(json.dumps(entry) + "\n")
    log.flush()
    print(json.dumps(entry), flush=True)
    if it == 0:
        return best_f1  # the starting model: its numbers are the baseline, not a candidate
    torch.save(model.state_dict(), os.path.join(args.out, "last.pt"))
    torch.save(model.state_dict(), os.path.join(args.out, f"iter-{it}.pt"))  # 1.7 MB: any validated step can be exported
    if score > best_f1:
        best_f1 = score
        torch.save(model.state_dict(), os.path.join(args.out, "best.pt"))
        with open(os.path.join(args.out, "best.json"), "w") as f:
            json.dump(entry, f, indent=2)
    return best_f1


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    cache = os.path.join(HERE, "work", "cache")
    train_images, train_rows = load_split(os.path.join(args.data, "train"), cache, args.size)
    val_images, val_rows = load_split(os.path.join(args.data, "validation"), cache, args.size)
    val_images, val_rows = val_images[: args.val_pages], val_rows[: args.val_pages]
    print(f"train pages {len(train_rows)}, validation pages {len(val_rows)}", flush=True)

    real_val = None
    if args.real:
        real_images, real_rows = load_split(os.path.join(args.real, "train"), cache, args.size)
        real_val = load_split(os.path.join(args.real, "validation"), cache, args.size)
        print(f"real train pages {len(real_rows)}, real validation pages {len(real_val[1])}", flush=True)

    model = FieldNet(num_classes=len(CLASSES))
    if args.init_onnx:
        from onnx_weights import load_onnx_into

        load_onnx_into(model, args.init_onnx)
        print(f"initialised from {args.init_onnx}", flush=True)
    model = model.to(memory_format=torch.channels_last)
    print(f"parameters {count_params(model)}", flush=True)
    decay = [p for n, p in model.named_parameters() if p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0}], lr=args.lr)
    def schedule(i):
        # With --max-seconds the cosine runs on whichever comes first, the iterations or the clock,
        # so a run cut short by its time box still ends at a low learning rate.
        progress = i / args.iters
        if args.max_seconds:
            progress = max(progress, (time.time() - started) / args.max_seconds)
        return min(1.0, (i + 1) / args.warmup) * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))

    data = StripDataset(train_images, train_rows, args.strip, seed=args.seed, center=args.center)
    if args.real:
        data = Mixed(data, StripDataset(real_images, real_rows, args.strip, seed=args.seed + 7, center=args.center), args.real_share, args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    loader = torch.utils.data.DataLoader(data, batch_size=args.batch, shuffle=True, drop_last=True, num_workers=0, generator=gen)

    log = open(os.path.join(args.out, "log.jsonl"), "a")
    best_f1, it, started = -1.0, 0, time.time()
    running = np.zeros(3)
    model.train()
    if args.init_onnx:
        freeze_batchnorm(model)
        # Iteration 0: the starting model on the same validation pages, the baseline to beat.
        evaluate_and_save(model, args, 0, started, running, val_images, val_rows, real_val, log, best_f1)
    while it < args.iters:
        for x, cls, tgt, cell_weight in loader:
            for g in opt.param_groups:
                g["lr"] = args.lr * schedule(it)
            logits, dist = model(x.contiguous(memory_format=torch.channels_last))
            loss, cls_loss, box_loss = detection_loss(logits, dist, cls, tgt, cell_weight, cls_mode=args.cls_loss)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
            opt.step()
            running = 0.98 * running + 0.02 * np.array([loss.item(), cls_loss.item(), box_loss.item()])
            it += 1
            if it % 50 == 0:
                print(f"iter {it} loss {running[0]:.3f} cls {running[1]:.3f} box {running[2]:.3f} lr {opt.param_groups[0]['lr']:.5f} {time.time() - started:.0f}s", flush=True)
            out_of_time = args.max_seconds is not None and time.time() - started > args.max_seconds
            if out_of_time:
                print(f"out of time at iteration {it} of {args.iters}", flush=True)
            if it % args.eval_every == 0 or it == args.iters or out_of_time:
                best_f1 = evaluate_and_save(model, args, it, started, running, val_images, val_rows, real_val, log, best_f1)
            if it >= args.iters or out_of_time:
                break
        if out_of_time:
            break
    print(f"done in {time.time() - started:.0f}s, best mean F1 {best_f1:.4f}", flush=True)


if __name__ == "__main__":
    main()
