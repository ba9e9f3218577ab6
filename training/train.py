"""Trains FieldNet on exported synthetic pages and keeps the checkpoint with the best validation F1.

    /usr/bin/python3 training/train.py --iters 6000

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
from evaluate import CLASSES, validate
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
    return p.parse_args()


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

    model = FieldNet(num_classes=len(CLASSES)).to(memory_format=torch.channels_last)
    print(f"parameters {count_params(model)}", flush=True)
    decay = [p for n, p in model.named_parameters() if p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0}], lr=args.lr)
    schedule = lambda i: min(1.0, (i + 1) / args.warmup) * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(1.0, i / args.iters))))
    data = StripDataset(train_images, train_rows, args.strip, seed=args.seed, center=args.center)
    gen = torch.Generator().manual_seed(args.seed)
    loader = torch.utils.data.DataLoader(data, batch_size=args.batch, shuffle=True, drop_last=True, num_workers=0, generator=gen)

    log = open(os.path.join(args.out, "log.jsonl"), "a")
    best_f1, it, started = -1.0, 0, time.time()
    running = np.zeros(3)
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
            if it % args.eval_every == 0 or it == args.iters:
                threshold, result = validate(model, val_images, val_rows)
                mean_f1 = float(np.mean([result[threshold][c]["f1"] for c in CLASSES]))
                entry = {"iter": it, "seconds": round(time.time() - started), "loss": float(running[0]), "threshold": threshold, "val": result[threshold], "mean_f1": mean_f1}
                log.write(json.dumps(entry) + "\n")
                log.flush()
                print(json.dumps(entry), flush=True)
                torch.save(model.state_dict(), os.path.join(args.out, "last.pt"))
                if mean_f1 > best_f1:
                    best_f1 = mean_f1
                    torch.save(model.state_dict(), os.path.join(args.out, "best.pt"))
                    with open(os.path.join(args.out, "best.json"), "w") as f:
                        json.dump(entry, f, indent=2)
            if it >= args.iters:
                break
    print(f"done in {time.time() - started:.0f}s, best mean F1 {best_f1:.4f}", flush=True)


if __name__ == "__main__":
    main()
