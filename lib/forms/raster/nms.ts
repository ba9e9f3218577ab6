import type { InputBox } from "./map-boxes";

function overlap(a: InputBox, b: InputBox): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / ((a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter);
}

/**
 * Greedy non-maximum suppression: keeps the highest-scoring box and drops boxes overlapping a kept
 * one above `iouThreshold` (per class unless `classAgnostic`). Candidates beyond `maxCandidates`
 * (lowest scores) are dropped first so a noisy page cannot make this quadratic step explode.
 */
export function nms<T extends InputBox & { score: number; classIndex: number }>(
  boxes: T[],
  options: { iouThreshold: number; classAgnostic?: boolean; maxCandidates?: number; maxDetections?: number },
): T[] {
  const sorted = [...boxes].sort((a, b) => b.score - a.score).slice(0, options.maxCandidates ?? 5000);
  const kept: T[] = [];
  const limit = options.maxDetections ?? 1000;
  for (const box of sorted) {
    if (kept.length >= limit) break;
    let suppressed = false;
    for (const k of kept) {
      if ((options.classAgnostic || k.classIndex === box.classIndex) && overlap(k, box) > options.iouThreshold) {
        suppressed = true;
        break;
      }
    }
    if (!suppressed) kept.push(box);
  }
  return kept;
}
