/**
 * Whether a real form's truth box has anything on the flattened page that shows it.
 *
 * The real set's truth is the form's own widgets, and a flattened page keeps only the page content:
 * a widget whose box, comb or underline was drawn only in its own appearance (pdfcpu's generated
 * test forms, some exports of word processors) leaves a blank rectangle. Training the detector to
 * find a field there teaches it to invent fields on white paper, so such boxes become ignore
 * regions (neither field nor background) in tools/forms-real-dataset.ts.
 *
 * The rule, measured on the letterboxed model input (what the detector sees, about 73 px per inch
 * on a Letter page): count the ink pixels (luminance below INK_LUMINANCE; an anti-aliased hairline
 * at this scale is still about 150-190) in the box grown by MARGIN px on every side (a rule under
 * the box, a border around it, a label touching it), clipped to the page (the letterbox's gray pad
 * would read as ink). Fewer than MIN_INK pixels: no visible evidence. The threshold is deliberately
 * low: it removes only boxes with next to nothing near them, never judges whether the ink is the
 * right kind.
 */
import type { InputBox, RgbaImage } from "../lib/forms/raster";

export const INK_LUMINANCE = 192;
export const MARGIN = 4;
export const MIN_INK = 4;

/** Ink pixels in `box` grown by `margin`, inside `page` (all in input pixels). */
export function inkNear(img: RgbaImage, box: InputBox, page: InputBox, margin = MARGIN): number {
  const x1 = Math.max(Math.floor(page.x1), Math.floor(box.x1 - margin), 0);
  const y1 = Math.max(Math.floor(page.y1), Math.floor(box.y1 - margin), 0);
  const x2 = Math.min(Math.ceil(page.x2), Math.ceil(box.x2 + margin), img.width);
  const y2 = Math.min(Math.ceil(page.y2), Math.ceil(box.y2 + margin), img.height);
  let ink = 0;
  for (let y = y1; y < y2; y++) {
    for (let x = x1, i = (y * img.width + x1) * 4; x < x2; x++, i += 4) {
      if (0.299 * img.data[i] + 0.587 * img.data[i + 1] + 0.114 * img.data[i + 2] < INK_LUMINANCE) ink++;
    }
  }
  return ink;
}

export function hasEvidence(img: RgbaImage, box: InputBox, page: InputBox): boolean {
  return inkNear(img, box, page) >= MIN_INK;
}
