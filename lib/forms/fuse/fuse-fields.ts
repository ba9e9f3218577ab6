import { coverage, intersection, iou } from "@/lib/pdf/geometry";
import type { Box, DetectedField, FieldType } from "../types";
import type { Candidate } from "../vector/candidate";

export type FuseOptions = {
  /** Raster detections that no vector candidate confirms are kept from this score up. */
  rasterOnlyMin: number;
  /** The same on image-only pages, where vector evidence cannot exist. */
  rasterOnlyMinScanned: number;
  /** A raster box and a vector box with at least this IoU are one field. */
  matchIou: number;
};

/**
 * On born-digital pages the vector geometry is exact and nearly every field has some; the model's
 * fields with none under them were right 230 times and wrong 520 times from score 0.8 on the
 * real-form dev set (13 right, 3 wrong from 0.95), so alone they need 0.95.
 */
export const DEFAULT_FUSE: FuseOptions = { rasterOnlyMin: 0.95, rasterOnlyMinScanned: 0.35, matchIou: 0.3 };

/**
 * One list of fields from the two detectors. A pair that agrees keeps the vector box (exact
 * geometry) and the vector type, with both scores combined; vector-only candidates are kept (their
 * rules are precise on born-digital pages); raster-only fields need a high score unless the page
 * is a scan, and never cover printed text. `raster` is null when no detector ran.
 */
export function fuseFields(
  page: number,
  vector: Candidate[],
  raster: DetectedField[] | null,
  ctx: { scanned: boolean; text: Box[] },
  options: FuseOptions = DEFAULT_FUSE,
): DetectedField[] {
  const out: DetectedField[] = [];
  const pairs: [number, number, number][] = [];
  (raster ?? []).forEach((r, ri) =>
    vector.forEach((v, vi) => {
      const o = iou(r.box, v.box);
      if (o >= options.matchIou) pairs.push([o, ri, vi]);
    }),
  );
  pairs.sort((a, b) => b[0] - a[0]);
  const rasterUsed = new Set<number>();
  const vectorUsed = new Map<number, DetectedField>();
  for (const [, ri, vi] of pairs) {
    if (rasterUsed.has(ri) || vectorUsed.has(vi)) continue;
    rasterUsed.add(ri);
    vectorUsed.set(vi, raster![ri]);
  }
  vector.forEach((v, vi) => {
    const r = vectorUsed.get(vi);
    out.push(toField(page, v, r));
  });
  const min = ctx.scanned ? options.rasterOnlyMinScanned : options.rasterOnlyMin;
  // Most confident first, so of two overlapping detections the better one stays.
  const byScore = (raster ?? []).map((r, ri) => [r, ri] as const).sort((a, b) => b[0].score - a[0].score);
  byScore.forEach(([r, ri]) => {
    if (rasterUsed.has(ri) || r.score < min) return;
    // Overlapping a kept field (a duplicate with a shifted box) or printed text: not a new field.
    if (out.some((f) => iou(f.box, r.box) > 0.2 || coverage(f.box, r.box) > 0.5)) return;
    const inked = ctx.text.reduce((s, t) => s + intersection(t, r.box), 0);
    if (inked > r.box.width * r.box.height * 0.25) return;
    out.push({ ...r, page, source: "raster" });
  });
  return out;
}

function toField(page: number, v: Candidate, r: DetectedField | undefined): DetectedField {
  const type: FieldType = v.type;
  const field: DetectedField = {
    page,
    box: v.box,
    type,
    score: r ? 1 - (1 - v.score) * (1 - r.score) : v.score,
    source: r ? "fused" : "vector",
  };
  if (type === "text" && (v.multiline || (r?.multiline && !v.comb && v.construct !== "underline" && v.construct !== "underscores"))) field.multiline = true;
  if (v.comb) field.comb = v.comb;
  if (v.label) field.label = v.label;
  return field;
}
