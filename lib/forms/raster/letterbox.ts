/** An RGBA raster, row-major, 4 bytes a pixel (the layout of canvas ImageData). */
export type RgbaImage = { data: Uint8ClampedArray | Uint8Array; width: number; height: number };

/** Where an image lands inside the square model input: scaled by `scale`, offset by the padding. */
export type LetterboxGeometry = {
  size: number;
  scale: number;
  /** Size of the scaled image inside the square. */
  width: number;
  height: number;
  padX: number;
  padY: number;
};

export const PAD_VALUE = 114;

/** Ultralytics' LetterBox arithmetic (centred padding, rounding), so external exports see what they trained on. */
export function letterboxGeometry(srcWidth: number, srcHeight: number, size: number): LetterboxGeometry {
  const scale = Math.min(size / srcWidth, size / srcHeight);
  const width = Math.min(size, Math.round(srcWidth * scale));
  const height = Math.min(size, Math.round(srcHeight * scale));
  const padX = Math.max(0, Math.round((size - width) / 2 - 0.1));
  const padY = Math.max(0, Math.round((size - height) / 2 - 0.1));
  return { size, scale, width, height, padX, padY };
}

type Taps = { start: Int32Array; count: Int32Array; weights: Float32Array; maxTaps: number };

/**
 * Resampling weights along one axis: a triangle filter widened to the scale factor when shrinking
 * (Pillow's antialiased bilinear). Plain bilinear would skip rows when shrinking and drop the
 * 1-pixel rules that underline fields.
 */
function taps(src: number, dst: number): Taps {
  const ratio = src / dst;
  const support = Math.max(1, ratio);
  const maxTaps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(dst);
  const count = new Int32Array(dst);
  const weights = new Float32Array(dst * maxTaps);
  for (let i = 0; i < dst; i++) {
    const center = (i + 0.5) * ratio;
    const lo = Math.max(0, Math.floor(center - support));
    const hi = Math.min(src, Math.ceil(center + support));
    let total = 0;
    let n = 0;
    for (let j = lo; j < hi && n < maxTaps; j++, n++) {
      const w = Math.max(0, 1 - Math.abs((j + 0.5 - center) / support));
      weights[i * maxTaps + n] = w;
      total += w;
    }
    for (let k = 0; k < n; k++) weights[i * maxTaps + k] /= total || 1;
    start[i] = lo;
    count[i] = n;
  }
  return { start, count, weights, maxTaps };
}

const TAPS = new Map<string, Taps>();
let SCRATCH = new Float32Array(0);

/** Pages of one document share sizes: weights and the intermediate buffer are reused per thread. */
function cachedTaps(src: number, dst: number): Taps {
  const key = `${src}:${dst}`;
  let t = TAPS.get(key);
  if (!t) {
    if (TAPS.size > 32) TAPS.clear();
    t = taps(src, dst);
    TAPS.set(key, t);
  }
  return t;
}

function scratch(length: number): Float32Array {
  if (SCRATCH.length < length) SCRATCH = new Float32Array(length);
  return SCRATCH;
}

/** Resamples RGBA to width x height (opaque RGBA bytes); the result is what the model sees, rounded. */
export function resizeRgba(img: RgbaImage, width: number, height: number): Uint8ClampedArray {
  const { data, width: sw, height: sh } = img;
  const out = new Uint8ClampedArray(width * height * 4);
  if (sw === width && sh === height) {
    out.set(data);
    for (let i = 3; i < out.length; i += 4) out[i] = 255;
    return out;
  }
  const hx = cachedTaps(sw, width);
  const hy = cachedTaps(sh, height);
  // Horizontal pass into an interleaved RGB float buffer of sh rows, then vertical into bytes.
  const mid = scratch(sh * width * 3);
  // Hoisted into locals: V8 does not hoist property loads out of these hot loops by itself.
  const { start: xs, count: xc, weights: xw, maxTaps: xm } = hx;
  const { start: ys, count: yc, weights: yw, maxTaps: ym } = hy;
  const rowStride = width * 3;
  for (let y = 0; y < sh; y++) {
    const row = y * sw * 4;
    let o = y * rowStride;
    for (let x = 0; x < width; x++, o += 3) {
      let r = 0;
      let g = 0;
      let b = 0;
      const base = x * xm;
      const n = xc[x];
      for (let k = 0, j = row + xs[x] * 4; k < n; k++, j += 4) {
        const w = xw[base + k];
        r += data[j] * w;
        g += data[j + 1] * w;
        b += data[j + 2] * w;
      }
      mid[o] = r;
      mid[o + 1] = g;
      mid[o + 2] = b;
    }
  }
  for (let y = 0; y < height; y++) {
    const base = y * ym;
    const n = yc[y];
    const first = ys[y] * rowStride;
    let o = y * width * 4;
    for (let x = 0; x < width; x++, o += 4) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0, j = first + x * 3; k < n; k++, j += rowStride) {
        const w = yw[base + k];
        r += mid[j] * w;
        g += mid[j + 1] * w;
        b += mid[j + 2] * w;
      }
      out[o] = r + 0.5;
      out[o + 1] = g + 0.5;
      out[o + 2] = b + 0.5;
      out[o + 3] = 255;
    }
  }
  return out;
}

/** The letterboxed page as an S x S RGBA image (what training data stores as PNG). */
export function letterboxImage(img: RgbaImage, size: number): { image: RgbaImage; geometry: LetterboxGeometry } {
  const geometry = letterboxGeometry(img.width, img.height, size);
  const { width, height, padX, padY } = geometry;
  const resized = resizeRgba(img, width, height);
  const data = new Uint8ClampedArray(size * size * 4);
  // One native fill of the gray, opaque pixel (byte order is irrelevant: R = G = B, A = 255).
  new Uint32Array(data.buffer).fill(((255 << 24) | (PAD_VALUE << 16) | (PAD_VALUE << 8) | PAD_VALUE) >>> 0);
  for (let y = 0; y < height; y++) data.set(resized.subarray(y * width * 4, (y + 1) * width * 4), ((y + padY) * size + padX) * 4);
  return { image: { data, width: size, height: size }, geometry };
}

/** An S x S RGBA image -> the model's input tensor: RGB planes (NCHW), 0..1. */
export function toTensor(img: RgbaImage): Float32Array {
  const plane = img.width * img.height;
  const tensor = new Float32Array(3 * plane);
  const { data } = img;
  const g = plane;
  const b = 2 * plane;
  for (let p = 0, i = 0; p < plane; p++, i += 4) {
    tensor[p] = data[i] / 255;
    tensor[g + p] = data[i + 1] / 255;
    tensor[b + p] = data[i + 2] / 255;
  }
  return tensor;
}

/**
 * The model input for an RGBA page image: scaled to fit a size x size square (aspect kept), centred
 * on gray 114, RGB, NCHW, values 0..1 — the YOLO export convention.
 */
export function letterbox(img: RgbaImage, size: number): { tensor: Float32Array; geometry: LetterboxGeometry } {
  const { image, geometry } = letterboxImage(img, size);
  return { tensor: toTensor(image), geometry };
}
