import { PDFDocument } from "pdf-lib";
import type { PageSize, TruthField } from "../types";
import type { Rng } from "./random";
import { renderPdfPages } from "./render-page";

type Affine = { angle: number; scale: number; dx: number; dy: number; cx: number; cy: number };

/** Maps a point through "rotate by angle and scale about the page centre, then shift" (points, y down). */
function apply(t: Affine, x: number, y: number): [number, number] {
  const c = Math.cos(t.angle);
  const s = Math.sin(t.angle);
  const u = x - t.cx;
  const v = y - t.cy;
  return [t.cx + t.scale * (c * u - s * v) + t.dx, t.cy + t.scale * (s * u + c * v) + t.dy];
}

/** Degrades an RGBA buffer in place: fading, gray conversion, sensor noise, dust, an edge shadow. */
function degrade(data: Uint8ClampedArray, width: number, height: number, rng: Rng): void {
  const gray = rng.chance(0.75);
  const fade = rng.float(0.65, 1);
  const sigma = rng.float(2, 14);
  const shadowEdge = rng.chance(0.3) ? rng.int(0, 3) : -1;
  const shadowWidth = rng.float(0.01, 0.05) * width;
  // A table of bell-shaped noise indexed by an inline xorshift: per-pixel calls into the seeded
  // generator would cost seconds on a 200 DPI page.
  const table = new Float32Array(4096).map(() => (rng.next() + rng.next() + rng.next() - 1.5) * sigma * 1.15);
  let state = rng.int(1, 0x7fffffff);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 4) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const noise = table[state & 4095];
      let shade = 0;
      if (shadowEdge >= 0) {
        const d = [x, y, width - 1 - x, height - 1 - y][shadowEdge];
        if (d < shadowWidth) shade = 90 * (1 - d / shadowWidth);
      }
      if (gray) {
        const v = 255 - (255 - (data[i] * 0.299 + data[i + 1] * 0.587 + data[i + 2] * 0.114)) * fade + noise - shade;
        data[i] = data[i + 1] = data[i + 2] = v;
      } else {
        for (let k = 0; k < 3; k++) data[i + k] = 255 - (255 - data[i + k]) * fade + noise - shade;
      }
    }
  }
  for (let n = rng.int(0, 400); n > 0; n--) {
    const x = rng.int(0, width - 3);
    const y = rng.int(0, height - 3);
    const v = rng.int(0, 120);
    const r = rng.int(1, 2);
    for (let yy = y; yy < y + r; yy++) for (let xx = x; xx < x + r; xx++) data[(yy * width + xx) * 4] = data[(yy * width + xx) * 4 + 1] = data[(yy * width + xx) * 4 + 2] = v;
  }
}

/**
 * The "scanned" variant: every page rasterised at a scanner-like DPI, slightly rotated, scaled and
 * shifted, blurred, noised and JPEG-compressed, then embedded as an image-only page. Truth boxes
 * move with the page: their centres follow the transform and their sizes the scale.
 */
export async function scanForm(
  form: { pdf: Uint8Array; truth: TruthField[]; pages: PageSize[] },
  rng: Rng,
): Promise<{ pdf: Uint8Array; truth: TruthField[] }> {
  const { createCanvas, ImageData } = await import("@napi-rs/canvas");
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setProducer("Conveyor synthetic forms (scanned)");
  const truth: TruthField[] = [];
  for (const [index, size] of form.pages.entries()) {
    const dpi = rng.float(100, 200);
    const [page] = await renderPdfPages(form.pdf, { longSide: (Math.max(size.width, size.height) * dpi) / 72, pages: [index] });
    const px = page.scale;
    const t: Affine = {
      angle: (rng.float(-0.8, 0.8) * Math.PI) / 180,
      scale: rng.float(0.97, 1.03),
      dx: rng.float(-8, 8),
      dy: rng.float(-8, 8),
      cx: size.width / 2,
      cy: size.height / 2,
    };
    const source = createCanvas(page.width, page.height);
    source.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(page.data), page.width, page.height), 0, 0);
    const canvas = createCanvas(page.width, page.height);
    const ctx = canvas.getContext("2d");
    const paper = rng.int(228, 255);
    ctx.fillStyle = `rgb(${paper}, ${paper}, ${Math.max(0, paper - rng.int(0, 12))})`;
    ctx.fillRect(0, 0, page.width, page.height);
    ctx.globalCompositeOperation = "multiply";
    const blur = rng.chance(0.7) ? rng.float(0.3, 1.2) : 0;
    if (blur > 0) ctx.filter = `blur(${blur.toFixed(2)}px)`;
    ctx.translate((t.cx + t.dx) * px, (t.cy + t.dy) * px);
    ctx.rotate(t.angle);
    ctx.scale(t.scale, t.scale);
    ctx.translate(-t.cx * px, -t.cy * px);
    ctx.drawImage(source, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.filter = "none";
    ctx.globalCompositeOperation = "source-over";
    const img = ctx.getImageData(0, 0, page.width, page.height);
    degrade(img.data, page.width, page.height, rng);
    ctx.putImageData(img, 0, 0);
    const jpeg = await canvas.encode("jpeg", rng.int(30, 85));
    const embedded = await out.embedJpg(jpeg);
    out.addPage([size.width, size.height]).drawImage(embedded, { x: 0, y: 0, width: size.width, height: size.height });
    for (const field of form.truth.filter((f) => f.page === index)) {
      const [cx, cy] = apply(t, field.box.x + field.box.width / 2, field.box.y + field.box.height / 2);
      const w = field.box.width * t.scale;
      const h = field.box.height * t.scale;
      const r2 = (n: number) => Math.round(n * 100) / 100;
      truth.push({ ...field, box: { x: r2(cx - w / 2), y: r2(cy - h / 2), width: r2(w), height: r2(h) } });
    }
  }
  return { pdf: await out.save(), truth };
}
