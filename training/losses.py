"""Losses: quality focal loss on IoU-aware class targets, GIoU on boxes (GFL / YOLOv8 style)."""
import torch
import torch.nn.functional as F

from model import cell_centers


def dist_to_boxes(dist):
    """[B, 4, H, W] distances (l, t, r, b) -> [B, H, W, 4] corner boxes in crop pixels."""
    _, _, h, w = dist.shape
    cx, cy = cell_centers(h, w, dist.device)
    l, t, r, b = dist.unbind(1)
    return torch.stack([cx - l, cy - t, cx + r, cy + b], -1)


def box_iou_giou(a, b, eps=1e-7):
    """Elementwise IoU and GIoU of [..., 4] corner boxes."""
    iw = (torch.min(a[..., 2], b[..., 2]) - torch.max(a[..., 0], b[..., 0])).clamp(min=0)
    ih = (torch.min(a[..., 3], b[..., 3]) - torch.max(a[..., 1], b[..., 1])).clamp(min=0)
    inter = iw * ih
    area_a = (a[..., 2] - a[..., 0]).clamp(min=0) * (a[..., 3] - a[..., 1]).clamp(min=0)
    area_b = (b[..., 2] - b[..., 0]).clamp(min=0) * (b[..., 3] - b[..., 1]).clamp(min=0)
    union = area_a + area_b - inter + eps
    iou = inter / union
    cw = torch.max(a[..., 2], b[..., 2]) - torch.min(a[..., 0], b[..., 0])
    ch = torch.max(a[..., 3], b[..., 3]) - torch.min(a[..., 1], b[..., 1])
    hull = cw * ch + eps
    return iou, iou - (hull - union) / hull


def target_distances(tgt, h, w):
    """[B, H, W, 4] target corners -> [B, H, W, 4] distances (l, t, r, b) from each cell centre."""
    cx, cy = cell_centers(h, w, tgt.device)
    return torch.stack([cx - tgt[..., 0], cy - tgt[..., 1], tgt[..., 2] - cx, tgt[..., 3] - cy], -1)


def detection_loss(logits, dist, cls, tgt, cell_weight, box_weight=2.0, cls_mode="qfl"):
    """logits [B, C, H, W], dist [B, 4, H, W], cls [B, H, W] (-1 background, -2 ignore), tgt [B, H, W, 4],
    cell_weight [B, H, W] (positives' share of their field; every field weighs alike).

    Boxes: GIoU plus L1 on log distances (the log term pulls wide fields into range early, GIoU
    refines). Classes: quality focal loss with IoU targets ("qfl"), or focal loss on 0/1 ("focal").
    """
    num_classes = logits.shape[1]
    _, _, h, w = dist.shape
    pred = dist_to_boxes(dist)
    pos = cls >= 0
    num_pos = max(1.0, float(cell_weight[pos].sum()))
    target = torch.zeros_like(logits)
    box_loss = logits.new_zeros(())
    if pos.any():
        iou, giou = box_iou_giou(pred[pos], tgt[pos])
        want = target_distances(tgt, h, w)[pos].clamp(min=0.5)
        have = dist.permute(0, 2, 3, 1)[pos]
        log_l1 = (torch.log(have) - torch.log(want)).abs().mean(-1)
        box_loss = (((1.0 - giou) + 0.5 * log_l1) * cell_weight[pos]).sum() / num_pos
        b, y, x = pos.nonzero(as_tuple=True)
        target[b, cls[pos], y, x] = iou.detach().clamp(min=0.0) if cls_mode == "qfl" else 1.0
    # Negatives weigh 1, positives their field share, ignored cells 0.
    weight = torch.where(pos, cell_weight, (cls != -2).float()).unsqueeze(1).expand(-1, num_classes, -1, -1)
    prob = logits.sigmoid()
    bce = F.binary_cross_entropy_with_logits(logits, target, reduction="none")
    if cls_mode == "qfl":
        loss = bce * (prob - target).abs().pow(2.0)
    else:
        p_t = prob * target + (1 - prob) * (1 - target)
        alpha = 0.25 * target + 0.75 * (1 - target)
        loss = alpha * bce * (1 - p_t).pow(2.0)
    cls_loss = (loss * weight).sum() / num_pos
    return cls_loss + box_weight * box_loss, cls_loss.detach(), box_loss.detach()
