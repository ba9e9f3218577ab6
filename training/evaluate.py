"""Validation during training: full-page inference, NMS and matching at IoU 0.5 per class.

The published metrics come from the TypeScript pipeline (tools/forms-detector-eval.ts), which runs
the exported ONNX model exactly as production does; this mirrors it closely enough to pick a
checkpoint.
"""
import numpy as np
import torch

from losses import dist_to_boxes

CLASSES = ["text", "checkbox", "signature"]


def iou_matrix(a, b):
    iw = np.clip(np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0]), 0, None)
    ih = np.clip(np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1]), 0, None)
    inter = iw * ih
    area = lambda x: (x[:, 2] - x[:, 0]) * (x[:, 3] - x[:, 1])
    return inter / (area(a)[:, None] + area(b)[None, :] - inter + 1e-9)


def nms(boxes, scores, iou_threshold):
    order = np.argsort(-scores)
    keep = []
    while len(order):
        i = order[0]
        keep.append(i)
        if len(order) == 1:
            break
        ious = iou_matrix(boxes[i : i + 1], boxes[order[1:]])[0]
        order = order[1:][ious <= iou_threshold]
    return np.array(keep, dtype=np.int64)


def predict(model, images, score_threshold=0.05, iou_threshold=0.5, batch=4):
    """images uint8 [N, S, S, 3] -> list of (boxes [k, 4], scores [k], classes [k])."""
    model.eval()
    out = []
    with torch.no_grad():
        for s in range(0, len(images), batch):
            x = torch.from_numpy(np.asarray(images[s : s + batch], dtype=np.float32) / 255.0).permute(0, 3, 1, 2).contiguous()
            logits, dist = model(x)
            boxes = dist_to_boxes(dist).reshape(x.shape[0], -1, 4).numpy()
            probs = logits.sigmoid().flatten(2).permute(0, 2, 1).numpy()
            for b in range(x.shape[0]):
                cls = probs[b].argmax(1)
                score = probs[b].max(1)
                keep = score >= score_threshold
                bx, sc, cl = boxes[b][keep], score[keep], cls[keep]
                kept = []
                for c in range(probs.shape[2]):
                    idx = np.nonzero(cl == c)[0]
                    if len(idx):
                        kept.extend(idx[nms(bx[idx], sc[idx], iou_threshold)])
                kept = np.array(kept, dtype=np.int64)
                out.append((bx[kept], sc[kept], cl[kept]))
    model.train()
    return out


def match_counts(pred, truth, threshold, iou_min=0.5, ignore=()):
    """Per-class [tp, fp, fn] for one page at a score threshold. A prediction that matches no field
    but overlaps an `ignore` box (truth with nothing visible on the page) at iou_min is not counted."""
    counts = np.zeros((len(CLASSES), 3), dtype=np.int64)
    boxes, scores, classes = pred
    keep = scores >= threshold
    boxes, scores, classes = boxes[keep], scores[keep], classes[keep]
    gt = np.array([b[:4] for b in truth], dtype=np.float32).reshape(-1, 4)
    gc = np.array([b[4] for b in truth], dtype=np.int64)
    ig = np.array([b[:4] for b in ignore], dtype=np.float32).reshape(-1, 4)
    ignored = np.zeros(len(boxes), dtype=bool)
    if len(ig) and len(boxes):
        ignored = iou_matrix(boxes, ig).max(1) >= iou_min
    for c in range(len(CLASSES)):
        p = np.nonzero(classes == c)[0]
        g = np.nonzero(gc == c)[0]
        p = p[np.argsort(-scores[p])]
        taken = np.zeros(len(g), dtype=bool)
        if len(p) and len(g):
            ious = iou_matrix(boxes[p], gt[g])
            for row in range(len(p)):
                cand = np.where(taken, -1, ious[row])
                j = int(cand.argmax())
                if cand[j] >= iou_min:
                    taken[j] = True
                    counts[c, 0] += 1
                elif not ignored[p[row]]:
                    counts[c, 1] += 1
        else:
            counts[c, 1] += int((~ignored[p]).sum())
        counts[c, 2] += int((~taken).sum())
    return counts


def f1_table(counts):
    tp, fp, fn = counts[:, 0].astype(float), counts[:, 1].astype(float), counts[:, 2].astype(float)
    precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 1.0)
    recall = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 1.0)
    f1 = np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-9), 0.0)
    return precision, recall, f1


def validate(model, images, rows, thresholds=(0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)):
    preds = predict(model, images)
    result = {}
    for t in thresholds:
        counts = sum(match_counts(p, r["boxes"], t, ignore=r.get("ignore", ())) for p, r in zip(preds, rows))
        precision, recall, f1 = f1_table(counts)
        result[t] = {c: {"precision": float(precision[i]), "recall": float(recall[i]), "f1": float(f1[i])} for i, c in enumerate(CLASSES)}
    best = max(thresholds, key=lambda t: mean_f1(result[t], rows))
    return best, result


def mean_f1(scores, rows):
    """Mean F1 over the classes the pages have fields of: a class without truth (signatures on the
    real validation pages) scores 0 or 1 on a single prediction and would swing the mean."""
    present = {CLASSES[int(b[4])] for r in rows for b in r["boxes"]}
    return float(np.mean([scores[c]["f1"] for c in CLASSES if c in present]))
