"""Loads the pages exported by tools/forms-dataset.ts and builds dense targets for FieldNet.

Images are cached once as one uint8 array (N, S, S, 3) in training/work/cache so epochs do not
decode PNGs again.
"""
import hashlib
import json
import os

import numpy as np
import torch
from PIL import Image

from model import STRIDE


def read_labels(folder):
    rows = []
    for name in sorted(os.listdir(folder)):
        if name.startswith("labels.") and name.endswith(".jsonl"):
            with open(os.path.join(folder, name)) as f:
                rows += [json.loads(line) for line in f if line.strip()]
    rows.sort(key=lambda r: (r["seed"], r["page"]))
    return rows


def load_split(folder, cache_dir, size):
    """(images uint8 [N, S, S, 3] memmap, labels list)."""
    rows = read_labels(folder)
    os.makedirs(cache_dir, exist_ok=True)
    # Keyed by the labels' content: a re-exported dataset never reuses a stale cache.
    digest = hashlib.sha1(json.dumps(rows, sort_keys=True).encode()).hexdigest()[:12]
    key = os.path.basename(os.path.normpath(folder))
    path = os.path.join(cache_dir, f"{key}-{len(rows)}-{size}-{digest}.npy")
    shape = (len(rows), size, size, 3)
    if not os.path.exists(path):
        tmp = path + ".tmp"
        mm = np.lib.format.open_memmap(tmp, mode="w+", dtype=np.uint8, shape=shape)
        for i, r in enumerate(rows):
            mm[i] = np.asarray(Image.open(os.path.join(folder, r["image"])).convert("RGB"))
        mm.flush()
        del mm
        os.rename(tmp, path)
    return np.load(path, mmap_mode="r"), rows


def build_targets(boxes, height, width, y0=0, center=None, ignore=()):
    """Dense targets for one crop [y0, y0 + height) of an image.

    Returns (cls [H, W] int64: class index, -1 negative, -2 ignore; box [H, W, 4] x1 y1 x2 y2 in crop
    pixels; weight [H, W]: 1 / sqrt(cells of the field), so a 1-cell checkbox is not drowned by the
    80 cells of a wide text field). A cell is positive for the smallest field whose box contains its centre; a field too
    small to contain any centre claims the cell nearest its centre. Fields cut by the crop's edge
    are ignored rather than taught as background. With `center`, only cells within
    max(center * width, STRIDE) of a field's horizontal centre are positive; the rest of the field is
    ignored (centre sampling: the far ends of a wide field need not claim the whole field).
    `ignore` boxes (real truth with nothing visible on the page, tools/forms-real-evidence.ts) turn
    the background cells whose centres they contain into ignored cells; they never take a field's cell.
    """
    gh, gw = height // STRIDE, width // STRIDE
    cls = np.full((gh, gw), -1, dtype=np.int64)
    tgt = np.zeros((gh, gw, 4), dtype=np.float32)
    area = np.full((gh, gw), np.inf, dtype=np.float32)
    weight = np.zeros((gh, gw), dtype=np.float32)
    centers_x = (np.arange(gw) + 0.5) * STRIDE
    centers_y = (np.arange(gh) + 0.5) * STRIDE
    for x1, y1, x2, y2, c in boxes:
        y1 -= y0
        y2 -= y0
        if y2 <= 0 or y1 >= height:
            continue
        cut = y1 < 0 or y2 > height
        ix = np.nonzero((centers_x > x1) & (centers_x < x2))[0]
        iy = np.nonzero((centers_y > y1) & (centers_y < y2))[0]
        if len(ix) == 0:
            ix = np.array([min(gw - 1, max(0, int((x1 + x2) / 2 // STRIDE)))])
        if len(iy) == 0:
            iy = np.array([min(gh - 1, max(0, int((y1 + y2) / 2 // STRIDE)))])
        if cut:
            sub = cls[np.ix_(iy, ix)]
            sub[sub == -1] = -2
            cls[np.ix_(iy, ix)] = sub
            continue
        a = (x2 - x1) * (y2 - y1)
        if center is not None:
            near = np.abs(centers_x[ix] - (x1 + x2) / 2) <= max(center * (x2 - x1), STRIDE)
            far = ix[~near]
            if len(far):
                sub = cls[np.ix_(iy, far)]
                sub[sub == -1] = -2
                cls[np.ix_(iy, far)] = sub
            if near.any():
                ix = ix[near]
        region = np.ix_(iy, ix)
        take = area[region] > a
        cls[region] = np.where(take, int(c), cls[region])
        weight[region] = np.where(take, 1.0 / np.sqrt(len(iy) * len(ix)), weight[region])
        area[region] = np.where(take, a, area[region])
        for k, v in enumerate((x1, y1, x2, y2)):
            tgt[..., k][region] = np.where(take, v, tgt[..., k][region])
    for x1, y1, x2, y2, _ in ignore:
        ix = np.nonzero((centers_x > x1) & (centers_x < x2))[0]
        iy = np.nonzero((centers_y > y1 - y0) & (centers_y < y2 - y0))[0]
        if len(ix) and len(iy):
            sub = cls[np.ix_(iy, ix)]
            sub[sub == -1] = -2
            cls[np.ix_(iy, ix)] = sub
    return cls, tgt, weight


class StripDataset(torch.utils.data.Dataset):
    """Full-width horizontal strips of the letterboxed pages, with photometric jitter.

    Strips cost a fraction of a page to train on and keep what matters for wide fields: the whole
    width. Offsets are multiples of 32 so the grid stays aligned with full-page inference.
    """

    def __init__(self, images, rows, strip, seed=0, augment=True, center=None):
        self.images, self.rows, self.strip, self.augment, self.center = images, rows, strip, augment, center
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        size = self.images.shape[1]
        y0 = int(self.rng.integers(0, (size - self.strip) // 32 + 1)) * 32 if self.strip < size else 0
        img = np.asarray(self.images[i, y0 : y0 + self.strip], dtype=np.float32) / 255.0
        if self.augment:
            img = jitter(img, self.rng)
        cls, tgt, weight = build_targets(self.rows[i]["boxes"], img.shape[0], img.shape[1], y0, self.center, self.rows[i].get("ignore", ()))
        chw = np.ascontiguousarray(img.transpose(2, 0, 1))
        return torch.from_numpy(chw), torch.from_numpy(cls), torch.from_numpy(tgt), torch.from_numpy(weight)


def jitter(img, rng):
    """Contrast, brightness, colour cast and sensor noise; geometry stays fixed (labels are exact)."""
    if rng.random() < 0.5:
        contrast = rng.uniform(0.7, 1.15)
        bright = rng.uniform(-0.08, 0.06)
        img = (img - 1.0) * contrast + 1.0 + bright
    if rng.random() < 0.2:
        img = img * rng.uniform(0.9, 1.0, size=3).astype(np.float32)
    if rng.random() < 0.3:
        img = img + rng.normal(0, rng.uniform(0.01, 0.05), size=img.shape).astype(np.float32)
    return np.clip(img, 0.0, 1.0).astype(np.float32)
