import type { Box } from "../types";
import type { Candidate } from "../vector/candidate";
import { clashes, symbolBox } from "../vector/find-candidates";
import type { RenderedPage } from "@/lib/pdf/render-page";

type Pixels = Pick<RenderedPage, "data" | "width" | "height" | "scale">;

/**
 * Checkbox symbols are located from font metrics, which differ between symbol fonts; the rendered
 * ink shows exactly where the box is. Each glyph checkbox snaps to the dark pixels around it.
 */
export function refineGlyphBoxes(candidates: Candidate[], page: Pixels): void {
  for (const c of candidates) {
    if (c.construct !== "checkbox-glyph") continue;
    const ink = inkBox(page, c.box.x - c.box.width * 0.25, c.box.y - c.box.height * 0.25, c.box.x + c.box.width * 1.25, c.box.y + c.box.height * 1.25);
    if (ink && ink.width >= c.box.width * 0.5 && ink.height >= c.box.height * 0.5) c.box = ink;
  }
}

/**
 * Checkboxes from glyphs of pictorial symbol fonts at codes no table lists (`TextModel.dingbats`):
 * only where the rendered ink is a hollow square, since the same fonts draw bullets, arrows and
 * hands; and only where no candidate from line work or a known symbol is there already.
 */
export function dingbatCheckboxes(dingbats: Box[], candidates: Candidate[], page: Pixels): Candidate[] {
  const added: Candidate[] = [];
  for (const glyph of dingbats) {
    const square = hollowSquare(page, symbolBox(glyph));
    if (!square) continue;
    const c: Candidate = { box: square, type: "checkbox", construct: "checkbox-glyph", score: 0.9 };
    if (!clashes([...candidates, ...added], c)) added.push(c);
  }
  return added;
}

const dark = (page: Pixels, x: number, y: number) => {
  const i = (y * page.width + x) * 4;
  return 0.299 * page.data[i] + 0.587 * page.data[i + 1] + 0.114 * page.data[i + 2] < 128;
};

/**
 * The box of the ink drawn at `estimate` when it is one hollow square: the dark pixels connected
 * to those inside the estimate (so a label set a space later stays apart) form a square outline
 * whose four sides are solid and whose inside is blank.
 */
export function hollowSquare(page: Pixels, estimate: Box): Box | null {
  const s = page.scale;
  const clampX = (v: number) => Math.max(0, Math.min(page.width - 1, v));
  const clampY = (v: number) => Math.max(0, Math.min(page.height - 1, v));
  // Connected ink may reach a little past the estimate (metrics differ), never far.
  const wx0 = clampX(Math.floor((estimate.x - estimate.width * 0.5) * s));
  const wy0 = clampY(Math.floor((estimate.y - estimate.height * 0.5) * s));
  const wx1 = clampX(Math.ceil((estimate.x + estimate.width * 1.5) * s));
  const wy1 = clampY(Math.ceil((estimate.y + estimate.height * 1.5) * s));
  const w = wx1 - wx0 + 1;
  const seen = new Uint8Array(w * (wy1 - wy0 + 1));
  const stack: number[] = [];
  const ex0 = clampX(Math.floor(estimate.x * s)), ex1 = clampX(Math.ceil((estimate.x + estimate.width) * s));
  const ey0 = clampY(Math.floor(estimate.y * s)), ey1 = clampY(Math.ceil((estimate.y + estimate.height) * s));
  for (let y = ey0; y <= ey1; y++) for (let x = ex0; x <= ex1; x++) if (dark(page, x, y)) stack.push(x, y);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  while (stack.length > 0) {
    const y = stack.pop()!;
    const x = stack.pop()!;
    const k = (y - wy0) * w + (x - wx0);
    if (seen[k]) continue;
    seen[k] = 1;
    // Ink touching the window's edge runs on beyond it: a rule or a picture, not a symbol.
    if (x === wx0 || x === wx1 || y === wy0 || y === wy1) return null;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    for (const [nx, ny] of [[x + 1, y], [x - 1, y], [x, y + 1], [x, y - 1]]) {
      if (nx >= wx0 && nx <= wx1 && ny >= wy0 && ny <= wy1 && !seen[(ny - wy0) * w + (nx - wx0)] && dark(page, nx, ny)) stack.push(nx, ny);
    }
  }
  if (minX > maxX) return null;
  const pw = maxX - minX + 1;
  const ph = maxY - minY + 1;
  if (pw / s < 4 || ph / s < 4 || pw / ph < 0.75 || pw / ph > 1.33) return null;
  const band = Math.max(1, Math.round(Math.min(pw, ph) * 0.15));
  const share = (x0: number, y0: number, x1: number, y1: number) => {
    let n = 0, d = 0;
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++, n++) if (dark(page, x, y)) d++;
    return n > 0 ? d / n : 0;
  };
  // Each side is solid: along it, nearly every step has ink within the band (strokes are thin).
  const along = (horizontal: boolean, from: number, to: number) => {
    let hit = 0;
    const [a0, a1] = horizontal ? [minX, maxX] : [minY, maxY];
    for (let a = a0; a <= a1; a++) {
      let any = false;
      for (let b = from; b <= to && !any; b++) any = horizontal ? dark(page, a, b) : dark(page, b, a);
      if (any) hit++;
    }
    return hit / (a1 - a0 + 1);
  };
  const sides = [along(true, minY, minY + band - 1), along(true, maxY - band + 1, maxY), along(false, minX, minX + band - 1), along(false, maxX - band + 1, maxX)];
  if (sides.some((v) => v < 0.85)) return null;
  const inset = Math.max(band + 1, Math.round(Math.min(pw, ph) * 0.25));
  if (pw - 2 * inset < 2 || ph - 2 * inset < 2) return null;
  if (share(minX + inset, minY + inset, maxX - inset, maxY - inset) > 0.08) return null;
  return { x: minX / s, y: minY / s, width: pw / s, height: ph / s };
}

function inkBox(page: Pixels, x0: number, y0: number, x1: number, y1: number) {
  const s = page.scale;
  const px0 = Math.max(0, Math.floor(x0 * s));
  const py0 = Math.max(0, Math.floor(y0 * s));
  const px1 = Math.min(page.width - 1, Math.ceil(x1 * s));
  const py1 = Math.min(page.height - 1, Math.ceil(y1 * s));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let y = py0; y <= py1; y++) {
    for (let x = px0; x <= px1; x++) {
      if (!dark(page, x, y)) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (minX > maxX) return null;
  return { x: minX / s, y: minY / s, width: (maxX + 1 - minX) / s, height: (maxY + 1 - minY) / s };
}
