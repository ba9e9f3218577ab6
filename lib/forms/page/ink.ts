import type { Candidate } from "../vector/candidate";
import type { RenderedPage } from "@/lib/pdf/render-page";

/**
 * Checkbox symbols are located from font metrics, which differ between symbol fonts; the rendered
 * ink shows exactly where the box is. Each glyph checkbox snaps to the dark pixels around it.
 */
export function refineGlyphBoxes(candidates: Candidate[], page: Pick<RenderedPage, "data" | "width" | "height" | "scale">): void {
  for (const c of candidates) {
    if (c.construct !== "checkbox-glyph") continue;
    const ink = inkBox(page, c.box.x - c.box.width * 0.25, c.box.y - c.box.height * 0.25, c.box.x + c.box.width * 1.25, c.box.y + c.box.height * 1.25);
    if (ink && ink.width >= c.box.width * 0.5 && ink.height >= c.box.height * 0.5) c.box = ink;
  }
}

function inkBox(page: Pick<RenderedPage, "data" | "width" | "height" | "scale">, x0: number, y0: number, x1: number, y1: number) {
  const s = page.scale;
  const px0 = Math.max(0, Math.floor(x0 * s));
  const py0 = Math.max(0, Math.floor(y0 * s));
  const px1 = Math.min(page.width - 1, Math.ceil(x1 * s));
  const py1 = Math.min(page.height - 1, Math.ceil(y1 * s));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let y = py0; y <= py1; y++) {
    for (let x = px0; x <= px1; x++) {
      const i = (y * page.width + x) * 4;
      const lum = 0.299 * page.data[i] + 0.587 * page.data[i + 1] + 0.114 * page.data[i + 2];
      if (lum >= 128) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (minX > maxX) return null;
  return { x: minX / s, y: minY / s, width: (maxX + 1 - minX) / s, height: (maxY + 1 - minY) / s };
}
