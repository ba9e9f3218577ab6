"""Exports a FieldNet checkpoint to ONNX in the YOLOv8 output layout.

    /usr/bin/python3 training/export_onnx.py --checkpoint training/work/run/best.pt --out models/conveyor-fields-v1.onnx

Input `images` [1, 3, S, S] (RGB, 0..1, letterboxed with gray 114); output `output0`
[1, 4 + classes, (S/8)^2]: cx, cy, w, h in input pixels, then sigmoid class scores.
"""
import argparse
import json
import os

import torch

from evaluate import CLASSES
from model import FieldNet


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--size", type=int, default=800)
    args = p.parse_args()
    model = FieldNet(num_classes=len(CLASSES))
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    model.eval()
    model.export = True
    dummy = torch.zeros(1, 3, args.size, args.size)
    torch.onnx.export(
        model,
        dummy,
        args.out,
        input_names=["images"],
        output_names=["output0"],
        opset_version=13,
        do_constant_folding=True,
    )
    classes_path = os.path.splitext(args.out)[0] + ".classes.json"
    with open(classes_path, "w") as f:
        json.dump(CLASSES, f)
        f.write("\n")
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes) and {classes_path}")


if __name__ == "__main__":
    main()
