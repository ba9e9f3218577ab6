"""Reads the weights of an exported FieldNet ONNX file back into a FieldNet state dict, so the
shipped model can be fine-tuned without its original checkpoint (the repository ships only the ONNX).

The export folds every BatchNorm into the convolution before it, so the convolutions come back with
a bias and their BatchNorms as identities (weight 1, bias 0, running mean 0, running variance
1 - eps); train.py keeps BatchNorm statistics frozen when fine-tuning from such a start. Needs no
onnx package: a minimal protobuf reader is enough for ModelProto's graph, nodes and initializers.
"""
import struct

import numpy as np
import torch


def _fields(buf):
    i, n = 0, len(buf)
    while i < n:
        key, i = _varint(buf, i)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _varint(buf, i)
        elif wire == 1:
            value, i = buf[i : i + 8], i + 8
        elif wire == 2:
            size, i = _varint(buf, i)
            value, i = buf[i : i + size], i + size
        elif wire == 5:
            value, i = buf[i : i + 4], i + 4
        else:
            raise ValueError(f"unsupported wire type {wire}")
        yield field, wire, value


def _varint(buf, i):
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i
        shift += 7


def _tensor(buf):
    dims, name, raw, floats = [], "", None, []
    for field, wire, value in _fields(buf):
        if field == 1:
            if wire == 2:
                j = 0
                while j < len(value):
                    d, j = _varint(value, j)
                    dims.append(d)
            else:
                dims.append(value)
        elif field == 8:
            name = value.decode()
        elif field == 9:
            raw = value
        elif field == 4:
            floats += list(struct.unpack(f"<{len(value) // 4}f", value)) if wire == 2 else [struct.unpack("<f", value)[0]]
    data = np.frombuffer(raw, dtype="<f4").copy() if raw is not None else np.array(floats, dtype=np.float32)
    return name, data.reshape(dims) if dims else data


def read_graph(path):
    """(nodes [(op_type, inputs)], initializers {name: array}) of an ONNX file, in graph order."""
    model = open(path, "rb").read()
    graph = next(v for f, w, v in _fields(model) if f == 7)
    nodes, inits = [], {}
    for field, _, value in _fields(graph):
        if field == 1:
            op, inputs = "", []
            for f, _, v in _fields(value):
                if f == 1:
                    inputs.append(v.decode())
                elif f == 4:
                    op = v.decode()
            nodes.append((op, inputs))
        elif field == 5:
            name, arr = _tensor(value)
            inits[name] = arr
    return nodes, inits


def load_onnx_into(model, path):
    """Copies the ONNX file's Conv weights into `model`'s Conv2d layers, matched in order of use."""
    nodes, inits = read_graph(path)
    convs = [(inputs[1], inputs[2] if len(inputs) > 2 else None) for op, inputs in nodes if op == "Conv"]
    modules = list(model.named_modules())
    torch_convs = [(name, m) for name, m in modules if isinstance(m, torch.nn.Conv2d)]
    if len(convs) != len(torch_convs):
        raise ValueError(f"{path} has {len(convs)} convolutions, FieldNet {len(torch_convs)}")
    bn_after = {}
    for (name, m), (nxt_name, nxt) in zip(modules, modules[1:]):
        if isinstance(m, torch.nn.Conv2d) and isinstance(nxt, torch.nn.BatchNorm2d):
            bn_after[name] = nxt
    with torch.no_grad():
        for (name, conv), (w_name, b_name) in zip(torch_convs, convs):
            w = torch.from_numpy(inits[w_name])
            if tuple(w.shape) != tuple(conv.weight.shape):
                raise ValueError(f"{name}: ONNX weight {tuple(w.shape)} != {tuple(conv.weight.shape)}")
            conv.weight.copy_(w)
            bias = torch.from_numpy(inits[b_name]) if b_name else torch.zeros(conv.out_channels)
            if conv.bias is not None:
                conv.bias.copy_(bias)
            elif name in bn_after:
                bn = bn_after[name]
                bn.weight.fill_(1.0)
                bn.bias.copy_(bias)
                bn.running_mean.zero_()
                bn.running_var.fill_(1.0 - bn.eps)
            elif b_name and bias.abs().max() > 0:
                raise ValueError(f"{name}: a folded bias but no BatchNorm to carry it")
    return model
