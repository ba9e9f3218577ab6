import type { DetectedField, FieldType, TruthField } from "../types";
import { FIELD_TYPES, type MatchOptions, matchFields } from "./match-fields";

export type Counts = { tp: number; fp: number; fn: number };
export type Scores = Counts & { precision: number; recall: number; f1: number };
export type FieldMetrics = { byType: Record<FieldType, Scores>; overall: Scores };

/** Accumulates matches over many pages or documents; `metrics()` gives precision, recall and F1. */
export class FieldScorer {
  private readonly counts = Object.fromEntries(FIELD_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<FieldType, Counts>;

  constructor(private readonly options: MatchOptions = {}) {}

  /** Adds one document (or page): detections and truth must share page numbering. */
  add(detected: DetectedField[], truth: TruthField[]): this {
    const result = matchFields(detected, truth, this.options);
    for (const m of result.matches) this.counts[m.truth.type].tp++;
    // Type-agnostic matching can pair different types; the truth field's type owns the hit.
    for (const d of result.falsePositives) this.counts[d.type].fp++;
    for (const t of result.falseNegatives) this.counts[t.type].fn++;
    return this;
  }

  metrics(): FieldMetrics {
    const byType = Object.fromEntries(FIELD_TYPES.map((t) => [t, scores(this.counts[t])])) as Record<FieldType, Scores>;
    const total = FIELD_TYPES.reduce<Counts>(
      (s, t) => ({ tp: s.tp + this.counts[t].tp, fp: s.fp + this.counts[t].fp, fn: s.fn + this.counts[t].fn }),
      { tp: 0, fp: 0, fn: 0 },
    );
    return { byType, overall: scores(total) };
  }
}

/** Precision and recall of an empty denominator are 1: nothing claimed, nothing wrong. */
export function scores(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** A fixed-width text table of metrics, for benches and training logs. */
export function formatMetrics(m: FieldMetrics): string {
  const pct = (n: number) => (n * 100).toFixed(1).padStart(6);
  const rows = [...FIELD_TYPES.map((t) => [t, m.byType[t]] as const), ["overall", m.overall] as const];
  return [
    "type        precision  recall      F1      tp    fp    fn",
    ...rows.map(([name, s]) => `${name.padEnd(10)} ${pct(s.precision)}   ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.tp).padStart(6)}${String(s.fp).padStart(6)}${String(s.fn).padStart(6)}`),
  ].join("\n");
}
