import type { InputBox } from "./map-boxes";

/**
 * Output layouts of YOLO-style detector exports:
 * - "yolo": [1, 4 + nc, N] (YOLOv8/YOLO11 and our model): cx, cy, w, h, then nc class scores.
 * - "yolo-transposed": [1, N, 4 + nc], the same rows transposed.
 * - "end2end": [1, N, 6] with x1, y1, x2, y2, score, class (NMS already in the graph).
 */
export type OutputLayout = "yolo" | "yolo-transposed" | "end2end";

export type RawDetection = InputBox & { score: number; classIndex: number };

export class OutputShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputShapeError";
  }
}

/** Reads the layout from the output shape, using the class count to resolve ambiguous shapes. */
export function detectLayout(dims: readonly number[], numClasses?: number): { layout: OutputLayout; numClasses: number; rows: number } {
  const [a, b] = dims.length === 3 ? [dims[1], dims[2]] : dims.length === 2 ? [dims[0], dims[1]] : [NaN, NaN];
  if (!(a > 0 && b > 0) || (dims.length === 3 && dims[0] !== 1)) {
    throw new OutputShapeError(`unsupported detector output shape [${dims.join(", ")}]`);
  }
  if (b === 6 && numClasses !== 2) return { layout: "end2end", numClasses: numClasses ?? 0, rows: a };
  if (numClasses !== undefined) {
    if (a === 4 + numClasses) return { layout: "yolo", numClasses, rows: b };
    if (b === 4 + numClasses) return { layout: "yolo-transposed", numClasses, rows: a };
    throw new OutputShapeError(`output shape [${dims.join(", ")}] does not fit ${numClasses} classes`);
  }
  // Without a class list, the smaller dimension holds the channels: exports have far more cells.
  return a < b ? { layout: "yolo", numClasses: a - 4, rows: b } : { layout: "yolo-transposed", numClasses: b - 4, rows: a };
}

/** Decodes a raw output tensor into corner boxes (input pixels) at or above `scoreThreshold`. */
export function decodeOutput(
  data: Float32Array,
  dims: readonly number[],
  options: { scoreThreshold: number; numClasses?: number; layout?: OutputLayout },
): RawDetection[] {
  const detected = detectLayout(dims, options.numClasses);
  const layout = options.layout ?? detected.layout;
  const { numClasses: nc, rows } = layout === detected.layout ? detected : relayout(dims, layout);
  const out: RawDetection[] = [];
  if (layout === "end2end") {
    for (let i = 0; i < rows; i++) {
      const o = i * 6;
      const score = data[o + 4];
      if (score >= options.scoreThreshold && data[o + 2] > data[o] && data[o + 3] > data[o + 1]) {
        out.push({ x1: data[o], y1: data[o + 1], x2: data[o + 2], y2: data[o + 3], score, classIndex: Math.round(data[o + 5]) });
      }
    }
    return out;
  }
  // Channel c of row i lives at c * rows + i (yolo) or i * (4 + nc) + c (transposed).
  const channelStride = layout === "yolo" ? rows : 1;
  const rowStride = layout === "yolo" ? 1 : 4 + nc;
  for (let i = 0; i < rows; i++) {
    const base = i * rowStride;
    let best = -1;
    let score = options.scoreThreshold;
    for (let c = 0; c < nc; c++) {
      const s = data[base + (4 + c) * channelStride];
      if (s >= score) {
        score = s;
        best = c;
      }
    }
    if (best < 0) continue;
    const cx = data[base];
    const cy = data[base + channelStride];
    const w = data[base + 2 * channelStride];
    const h = data[base + 3 * channelStride];
    if (!(w > 0 && h > 0)) continue;
    out.push({ x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2, score, classIndex: best });
  }
  return out;
}

function relayout(dims: readonly number[], layout: OutputLayout): { numClasses: number; rows: number } {
  const [a, b] = dims.length === 3 ? [dims[1], dims[2]] : [dims[0], dims[1]];
  if (layout === "end2end") return { numClasses: 0, rows: a };
  return layout === "yolo" ? { numClasses: a - 4, rows: b } : { numClasses: b - 4, rows: a };
}
