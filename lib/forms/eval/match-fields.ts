import { type DetectedField, FIELD_TYPES, type TruthField } from "../types";
import { iou } from "./iou";

export type FieldMatch = { detected: DetectedField; truth: TruthField; iou: number };

export type MatchResult = {
  matches: FieldMatch[];
  falsePositives: DetectedField[];
  falseNegatives: TruthField[];
};

export type MatchOptions = {
  /** Minimum IoU for a detection to count (0.5, the bench's threshold). */
  iouThreshold?: number;
  /** When false, a detection may match a truth field of another type (localisation only). */
  typeAware?: boolean;
};

/**
 * Matches detections to truth the way detection benchmarks do: detections in decreasing score
 * order each take the unmatched truth field (same page, and same type unless `typeAware` is false)
 * they overlap most, if that overlap reaches the threshold. Each truth field matches at most once,
 * so duplicates count as false positives.
 */
export function matchFields(detected: DetectedField[], truth: TruthField[], options: MatchOptions = {}): MatchResult {
  const threshold = options.iouThreshold ?? 0.5;
  const typeAware = options.typeAware ?? true;
  const taken = new Set<number>();
  const matches: FieldMatch[] = [];
  const falsePositives: DetectedField[] = [];
  const order = detected.map((d, i) => [d, i] as const).sort((a, b) => b[0].score - a[0].score || a[1] - b[1]);
  for (const [d] of order) {
    let best = -1;
    let bestIou = threshold;
    truth.forEach((t, j) => {
      if (taken.has(j) || t.page !== d.page || (typeAware && t.type !== d.type)) return;
      const o = iou(d.box, t.box);
      if (o >= bestIou) {
        best = j;
        bestIou = o;
      }
    });
    if (best < 0) falsePositives.push(d);
    else {
      taken.add(best);
      matches.push({ detected: d, truth: truth[best], iou: bestIou });
    }
  }
  return { matches, falsePositives, falseNegatives: truth.filter((_, j) => !taken.has(j)) };
}

export { FIELD_TYPES };
