"""FieldNet: a small anchor-free detector of form fields (text, checkbox, signature).

One prediction head at stride 8 fed by a three-level top-down pyramid (strides 8, 16, 32). Wide
fields need wide context, so the stride-32 level adds horizontal 1x9 depthwise convolutions: a cell
in the middle of a 400 px underline sees both of its ends.

Every cell predicts class logits and distances (left, top, right, bottom) to the edges of the field
it lies in. The exported graph decodes them into the output layout of a YOLOv8 export,
[1, 4 + classes, cells] with cx, cy, w, h in input pixels and sigmoid scores, so the runtime decodes
our model and external YOLO exports with the same code.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

STRIDE = 8


def cbr(cin, cout, k=3, s=1, groups=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, k, s, k // 2, groups=groups, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class Residual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.a = cbr(c, c)
        self.b = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c))

    def forward(self, x):
        return F.relu(x + self.b(self.a(x)))


class WideContext(nn.Module):
    """Depthwise 1xk convolutions (horizontal reach) followed by a pointwise mix."""

    def __init__(self, c, k=9, repeats=2):
        super().__init__()
        layers = []
        for _ in range(repeats):
            layers += [cbr(c, c, 1), nn.Conv2d(c, c, (1, k), 1, (0, k // 2), groups=c, bias=False), nn.BatchNorm2d(c), nn.ReLU(inplace=True)]
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return x + self.body(x)


class FieldNet(nn.Module):
    def __init__(self, num_classes=3, width=(16, 24, 32, 64, 96)):
        super().__init__()
        c1, c2, c3, c4, c5 = width
        self.num_classes = num_classes
        self.stem = nn.Sequential(
            cbr(3, c1, 3, 2),
            cbr(c1, c2, 3, 2),
            cbr(c2, c2, 3, 1, groups=c2),
            cbr(c2, c2, 1),
        )
        self.s8 = nn.Sequential(cbr(c2, c3, 3, 2), cbr(c3, c3))
        self.s16 = nn.Sequential(cbr(c3, c4, 3, 2), Residual(c4))
        self.s32 = nn.Sequential(cbr(c4, c5, 3, 2), Residual(c5), WideContext(c5))
        self.lat5 = cbr(c5, c4, 1)
        self.p4 = cbr(c4, c4)
        self.lat4 = cbr(c4, c3, 1)
        self.p3 = cbr(c3, c3)
        self.head = nn.Sequential(cbr(c3, c3), WideContext(c3, k=7, repeats=1))
        self.cls = nn.Conv2d(c3, num_classes, 1)
        self.reg = nn.Conv2d(c3, 4, 1)
        nn.init.constant_(self.cls.bias, -4.0)
        nn.init.constant_(self.reg.bias, 1.0)
        self.export = False

    def features(self, x):
        x = self.stem(x)
        c3 = self.s8(x)
        c4 = self.s16(c3)
        c5 = self.s32(c4)
        p4 = self.p4(c4 + F.interpolate(self.lat5(c5), size=c4.shape[-2:], mode="nearest"))
        p3 = self.p3(c3 + F.interpolate(self.lat4(p4), size=c3.shape[-2:], mode="nearest"))
        return self.head(p3)

    def forward(self, x):
        f = self.features(x)
        logits = self.cls(f)
        # Distances in log-strides: one scale of output covers 4 px checkboxes and 600 px rules.
        dist = torch.exp(self.reg(f).clamp(-4.0, 6.5)) * STRIDE
        if not self.export:
            return logits, dist
        return decode_export(logits, dist)


def cell_centers(h, w, device=None):
    ys = (torch.arange(h, device=device, dtype=torch.float32) + 0.5) * STRIDE
    xs = (torch.arange(w, device=device, dtype=torch.float32) + 0.5) * STRIDE
    cy, cx = torch.meshgrid(ys, xs, indexing="ij")
    return cx, cy


def decode_export(logits, dist):
    """[B, 4 + nc, H*W]: cx, cy, w, h in input pixels, then sigmoid class scores (YOLOv8 layout)."""
    b, nc, h, w = logits.shape
    cx, cy = cell_centers(h, w, logits.device)
    l, t, r, btm = dist[:, 0], dist[:, 1], dist[:, 2], dist[:, 3]
    x1 = cx - l
    y1 = cy - t
    x2 = cx + r
    y2 = cy + btm
    boxes = torch.stack([(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1], 1).reshape(b, 4, h * w)
    scores = torch.sigmoid(logits).reshape(b, nc, h * w)
    return torch.cat([boxes, scores], 1)


def count_params(model):
    return sum(p.numel() for p in model.parameters())
